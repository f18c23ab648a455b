import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

export interface Floor {
  perSecond: number;
  by: 'pgbench' | 'postgres driver';
}

/**
 * The database's floor: one INSERT per commit from one client, the most any work of one
 * transaction a message could reach. pgbench where it is installed, else the same loop
 * through the `postgres` driver.
 */
export async function measureInsertFloor(url: string, seconds: number): Promise<Floor> {
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await admin`create table if not exists bench_floor (id bigserial primary key, at timestamptz not null default now())`;
    const pgbench = await runPgbench(url, seconds).catch(() => null);
    if (pgbench !== null) return { perSecond: pgbench, by: 'pgbench' };
    const until = Date.now() + seconds * 1000;
    const started = Date.now();
    let commits = 0;
    while (Date.now() < until) {
      await admin`insert into bench_floor default values`;
      commits++;
    }
    return { perSecond: commits / ((Date.now() - started) / 1000), by: 'postgres driver' };
  } finally {
    await admin`drop table if exists bench_floor`.catch(() => undefined);
    await admin.end();
  }
}

function runPgbench(url: string, seconds: number): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-floor-'));
  const script = join(folder, 'insert.sql');
  writeFileSync(script, 'insert into bench_floor default values;\n');
  return new Promise<number>((resolve, reject) => {
    const child = spawn(
      'pgbench',
      ['-n', '-c', '1', '-T', String(Math.max(1, Math.round(seconds))), '-f', script, url],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(folder, { recursive: true, force: true });
      const tps = /tps = ([\d.]+)/.exec(output)?.[1];
      if (code === 0 && tps) resolve(Number(tps));
      else reject(new Error(`pgbench exited ${code}`));
    });
  });
}
