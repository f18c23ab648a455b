import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Beside PGlite's own files in its data folder; Postgres ignores files it does not know. */
export const LOCK_FILE = 'escalations.lock';

/** Who holds an embedded data folder, as written in its lock file. */
export interface LockHolder {
  pid: number;
  startedAt: string;
  /** what the holder is: `service`, `apikey`, `db:migrate`, ... */
  role: string;
  /** the holder's command line, to recognise it in `ps` */
  command: string;
  /** where its API listens, once it does */
  apiUrl?: string;
  /** tells two opens in one process apart */
  token: string;
}

/**
 * A second process (or a second open in this one) found the folder taken. PGlite has no lock
 * of its own: two processes on one folder each believe their writes are kept, and at the next
 * start one of them has lost everything it wrote.
 */
export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `${dataDir} is in use by ${describeHolder(holder)}: PGlite serves one process at a time; stop it first`,
    );
    this.name = 'DataFolderInUseError';
  }
}

/** `the service (pid 123, node apps/service/dist/main.js, API at http://127.0.0.1:3000, since ...)` */
export function describeHolder(holder: LockHolder): string {
  const details = [`pid ${holder.pid}`, holder.command];
  if (holder.apiUrl) details.push(`API at ${holder.apiUrl}`);
  details.push(`since ${holder.startedAt}`);
  return `the ${holder.role} (${details.join(', ')})`;
}

/** The locks this process holds: a lock naming our pid but none of these is a previous life's (a container restarted as pid 1). */
const heldHere = new Set<string>();

export interface DataFolderLock {
  /** add what others should know once it is known, e.g. the API's address */
  describe(details: { apiUrl: string }): void;
  /** give the folder up; also done when the process exits */
  release(): void;
}

/**
 * Takes the data folder for this process for as long as it has the database open: the lock
 * file is created exclusively (`wx`), so of two openers exactly one succeeds. A lock left by a
 * process that no longer runs (a crash, a kill -9) is taken over. Synchronous, so nothing
 * else in this process can open the folder between the check and the claim.
 */
export function lockDataFolder(dataDir: string, role: string): DataFolderLock {
  const path = join(dataDir, LOCK_FILE);
  let mine: LockHolder = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    role,
    command: commandLine(),
    token: randomBytes(8).toString('hex'),
  };
  claim(path, dataDir, mine);
  heldHere.add(mine.token);

  const release = () => {
    process.removeListener('exit', release);
    heldHere.delete(mine.token);
    if (readHolder(path)?.token !== mine.token) return;
    try {
      unlinkSync(path);
    } catch {
      // already gone: nothing to give up
    }
  };
  process.on('exit', release);
  return {
    describe: (details) => {
      if (readHolder(path)?.token !== mine.token) return;
      mine = { ...mine, ...details };
      // replaced whole, so a reader never sees half a file
      const next = `${path}.${mine.token}`;
      writeFileSync(next, JSON.stringify(mine));
      renameSync(next, path);
    },
    release,
  };
}

function claim(path: string, dataDir: string, mine: LockHolder): void {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      writeFileSync(path, JSON.stringify(mine), { flag: 'wx' });
      return;
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
    }
    // an unreadable lock may be one being written this instant: look again before taking it
    const holder = readHolder(path) ?? (pause(100), readHolder(path));
    if (holder && isRunning(holder)) throw new DataFolderInUseError(dataDir, holder);
    takeOverStale(path, holder);
  }
  const holder = readHolder(path);
  if (holder) throw new DataFolderInUseError(dataDir, holder);
  throw new Error(
    `${dataDir}: could not take ${LOCK_FILE}; remove it if no process uses the folder`,
  );
}

/**
 * Moves the stale lock aside (rename is atomic: of two processes taking over, one moves it).
 * If what was moved turns out to be a live lock, claimed between our read and our rename, it
 * is put back and the next attempt sees it.
 */
function takeOverStale(path: string, stale: LockHolder | null): void {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    throw error;
  }
  const moved = readHolder(aside);
  if (moved && moved.token !== stale?.token && isRunning(moved)) {
    try {
      linkSync(aside, path);
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
    }
  }
  unlinkSync(aside);
}

/** The holder named in a lock file; null when it is missing or unreadable (a crash mid-write). */
function readHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid)) return null;
    return {
      pid: parsed.pid,
      startedAt: String(parsed.startedAt ?? 'an unknown time'),
      role: String(parsed.role ?? 'process'),
      command: String(parsed.command ?? 'unknown command'),
      token: String(parsed.token ?? ''),
      ...(parsed.apiUrl ? { apiUrl: String(parsed.apiUrl) } : {}),
    };
  } catch {
    return null;
  }
}

function isRunning({ pid, token }: LockHolder): boolean {
  if (pid === process.pid) return heldHere.has(token);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user
    return codeOf(error) !== 'ESRCH';
  }
}

function pause(milliseconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}

function commandLine(): string {
  const [node, ...args] = process.argv;
  const line = [basename(node ?? 'node'), ...args].join(' ');
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}
