import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import type { Database } from '@escalations/db';
import { rowsOf } from './bench-support';

/**
 * CPU time (ms) the server's backends serving one database have used so far, read from
 * /proc: the benchmark's Postgres runs on this machine. Null when it cannot be read (a
 * server elsewhere, no /proc), so the table says so rather than guessing.
 */
export async function databaseCpuMs(db: Database, name: string): Promise<number | null> {
  const rows = await rowsOf<{ pid: number }>(
    db,
    sql`select pid from pg_stat_activity where datname = ${name}`,
  );
  let total = 0;
  for (const { pid } of rows) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
    if (stat === null) return null;
    // fields after the command's closing parenthesis: utime and stime are the 12th and 13th
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total += Number(fields[11]) + Number(fields[12]);
  }
  // clock ticks, 100 a second on Linux
  return total * 10;
}
