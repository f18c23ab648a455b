import { performance } from 'node:perf_hooks';
import { sql, type SQL } from 'drizzle-orm';
import type { Database, DatabaseHandle } from '@escalations/db';

/** What both API benchmarks share: the server they default to and their small helpers. */

export const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A volume from the environment, or the default when unset or not a positive integer. */
export function positiveInteger(text: string | undefined, fallback: number): number {
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export const count = (n: number) => n.toLocaleString('en-GB');
export const seconds = (ms: number) => (ms / 1000).toFixed(1);

export async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await run();
  return [value, performance.now() - start];
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

/** Rows of a raw statement, whichever driver answered. */
export async function rowsOf<T>(db: Database, statement: SQL | string): Promise<T[]> {
  const result: unknown = await db.execute(
    typeof statement === 'string' ? sql.raw(statement) : statement,
  );
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** A SQL string literal for our own constants. */
export const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Why the server cannot be used (so the benchmark is skipped), or null when it answers. */
export async function canConnect(handle: DatabaseHandle): Promise<string | null> {
  try {
    await Promise.race([
      handle.db.execute(sql`select 1`),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('no answer within 10 s')), 10_000).unref(),
      ),
    ]);
    return null;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return cause instanceof Error ? cause.message : String(cause);
  }
}
