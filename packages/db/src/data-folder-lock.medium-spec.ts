import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { DataFolderInUseError, LOCK_FILE, type LockHolder } from './data-folder-lock';
import type { DatabaseHandle } from './database';
import { openDatabase } from './open-database';

// Each test creates PGlite data folders on disk (an initdb apiece): seconds when the machine
// is busy, so more than jest's default allowance.
jest.setTimeout(120_000);

describe('one process per embedded data folder', () => {
  let dir: string;
  let dataDir: string;
  const opened: DatabaseHandle[] = [];
  const open = async (role?: string) => {
    const handle = await openDatabase({ dataDir, ...(role ? { role } : {}) });
    opened.push(handle);
    return handle;
  };
  const lockOf = () => JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as LockHolder;
  const refusalOf = async (role: string) => {
    const error: unknown = await openDatabase({ dataDir, role }).then(
      (handle) => {
        opened.push(handle);
        throw new Error('the second open was allowed');
      },
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(DataFolderInUseError);
    return error as DataFolderInUseError;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'escalations-lock-'));
    dataDir = join(dir, 'pglite');
  });
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second open while the first holds the folder, naming the holder', async () => {
    await open('service');
    const refusal = await refusalOf('apikey');
    expect(refusal.holder).toMatchObject({ pid: process.pid, role: 'service' });
    expect(refusal.message).toContain(dataDir);
    expect(refusal.message).toContain(`the service (pid ${process.pid}, `);
    expect(refusal.message).toMatch(/stop it first$/);
    expect(refusal.message).not.toContain('\n');
  });

  it('refuses while another running process holds the folder', async () => {
    const first = await open('service');
    await first.close();
    const other: ChildProcess = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(
        join(dataDir, LOCK_FILE),
        JSON.stringify({
          pid: other.pid,
          startedAt: '2026-12-06T01:00:00.000Z',
          role: 'service',
          command: 'node apps/service/dist/main.js',
          apiUrl: 'http://127.0.0.1:3000',
          token: 'theirs',
        }),
      );
      const refusal = await refusalOf('db:migrate');
      expect(refusal.message).toBe(
        `${dataDir} is in use by the service (pid ${other.pid}, node apps/service/dist/main.js, API at http://127.0.0.1:3000, since 2026-12-06T01:00:00.000Z): PGlite serves one process at a time; stop it first`,
      );
      expect(lockOf().token).toBe('theirs');
    } finally {
      other.kill();
    }
  });

  it('gives the folder up on close, and the next opener finds what the first wrote', async () => {
    const first = await open('service');
    await first.db.execute(sql`create table kept (note text)`);
    await first.db.execute(sql`insert into kept values ('written by the first')`);
    await first.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    const second = await open('apikey');
    expect(lockOf()).toMatchObject({ pid: process.pid, role: 'apikey' });
    // PGlite's result: the rows and their fields
    const { rows } = (await second.db.execute<{ note: string }>(sql`select note from kept`)) as {
      rows: unknown[];
    };
    expect(rows).toEqual([{ note: 'written by the first' }]);
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    await (await open()).close();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(
      join(dataDir, LOCK_FILE),
      JSON.stringify({
        pid: dead,
        startedAt: 'x',
        role: 'service',
        command: 'crashed',
        token: 't',
      }),
    );
    await open('service');
    expect(lockOf()).toMatchObject({ pid: process.pid, role: 'service' });
  });

  it('takes over a lock naming this pid from an earlier life (a container restarted as pid 1)', async () => {
    await (await open()).close();
    writeFileSync(
      join(dataDir, LOCK_FILE),
      JSON.stringify({
        pid: process.pid,
        startedAt: 'x',
        role: 'service',
        command: 'c',
        token: 'old',
      }),
    );
    await open('service');
    expect(lockOf().token).not.toBe('old');
  });

  it('takes over a lock file left empty by a crash mid-write', async () => {
    await (await open()).close();
    writeFileSync(join(dataDir, LOCK_FILE), '');
    await open('service');
    expect(lockOf()).toMatchObject({ pid: process.pid });
  });

  it('adds the API address once the holder announces it', async () => {
    const handle = await open('service');
    handle.announce({ apiUrl: 'http://127.0.0.1:4321' });
    expect(lockOf()).toMatchObject({ pid: process.pid, apiUrl: 'http://127.0.0.1:4321' });
    expect((await refusalOf('apikey')).message).toContain('API at http://127.0.0.1:4321');
  });

  it('takes no lock in memory', async () => {
    const a = await openDatabase({ dataDir: 'memory://' });
    const b = await openDatabase({ dataDir: 'memory://' });
    await Promise.all([a.close(), b.close()]);
  });
});
