import type { SQL } from 'drizzle-orm';
import type { Executor } from './database';

/** Rows of a raw statement, whichever driver answered (postgres-js: an array; PGlite: `rows`). */
export async function rowsOf<T>(executor: Executor, statement: SQL): Promise<T[]> {
  const result: unknown = await executor.execute(statement);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
