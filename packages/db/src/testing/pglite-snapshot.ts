import { randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../open-database';
import { migrateFrom } from './earlier-migrations';
import type { MigrationSet } from './migration-set';

/** Shared by every process on the machine: turbo runs several workspaces' jest at once. */
export const SNAPSHOT_FOLDER = join(tmpdir(), 'escalations-pglite-snapshots');

/** A builder that has not finished in this long has died without removing its lock. */
const ABANDONED_LOCK_MS = 10 * 60_000;
/** Snapshots (about 40 MB each) of other migration sets unused this long are removed when a new one is built. */
const OUTDATED_MS = 60 * 60_000;

/**
 * PGlite's data folder right after `migrations` ran on a blank cluster, as the tarball
 * `dumpDataDir` writes and `new PGlite({ loadDataDir })` starts from. Built once per
 * migration set and kept in `folder`; each test database then loads a copy of its own.
 * The file appears by rename, whole or not at all; the lock only spares the work of
 * building it twice.
 */
export async function pgliteSnapshot(
  migrations: MigrationSet,
  folder: string = SNAPSHOT_FOLDER,
): Promise<Blob> {
  const file = join(folder, `migrated-${migrations.hash}.tar`);
  mkdirSync(folder, { recursive: true });
  for (;;) {
    const kept = readIfPresent(file);
    if (kept) return new Blob([kept]);
    const lock = takeBuildLock(`${file}.lock`);
    if (!lock) {
      await sleep(100);
      continue;
    }
    try {
      // built by the holder we waited for, between our read and our lock
      const builtMeanwhile = readIfPresent(file);
      if (builtMeanwhile) return new Blob([builtMeanwhile]);
      const built = await buildSnapshot(migrations.folder);
      writeAtomically(file, built);
      removeOutdated(folder, file);
      return new Blob([built]);
    } finally {
      lock.release();
    }
  }
}

async function buildSnapshot(migrationsFolder: string): Promise<Buffer> {
  const handle = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateFrom(handle, migrationsFolder);
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    // data files written out, so a database loaded from the snapshot replays no WAL
    await client.exec('checkpoint');
    const tarball = await client.dumpDataDir('none');
    return Buffer.from(await tarball.arrayBuffer());
  } finally {
    await handle.close();
  }
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    const contents = readFileSync(file);
    touch(file);
    return contents;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Written under a name of its own, then renamed: a reader sees no file or the whole file. */
function writeAtomically(file: string, contents: Buffer): void {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

/** The snapshot's time of last use, for removeOutdated. */
function touch(file: string): void {
  const now = new Date();
  try {
    utimesSync(file, now, now);
  } catch {
    // removed meanwhile as outdated: what was read is whole all the same
  }
}

/** Snapshots of earlier migration sets, and temporary files of builders that died. */
function removeOutdated(folder: string, current: string): void {
  const cutoff = Date.now() - OUTDATED_MS;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (path === current || name.endsWith('.lock')) continue;
    try {
      if (statSync(path).mtimeMs < cutoff) unlinkSync(path);
    } catch {
      // another process removed it first
    }
  }
}

/**
 * The right to build, as a file created exclusively. A lock whose holder is gone (its pid
 * no longer runs, or it is older than any build takes) is removed for the next try.
 */
function takeBuildLock(path: string): { release(): void } | undefined {
  try {
    const descriptor = openSync(path, 'wx');
    writeFileSync(descriptor, String(process.pid));
    closeSync(descriptor);
    return { release: () => unlinkSync(path) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  try {
    const abandoned = statSync(path).mtimeMs < Date.now() - ABANDONED_LOCK_MS;
    // empty while its holder is still writing its pid
    const holder = readFileSync(path, 'utf8');
    if (abandoned || (holder !== '' && !isRunning(Number(holder)))) unlinkSync(path);
  } catch {
    // released meanwhile, or being written: the next try sees
  }
  return undefined;
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
