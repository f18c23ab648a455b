import { getTableColumns, is, sql, SQL, type Table } from 'drizzle-orm';
import type { Executor } from '../database';
import { rowsOf } from '../rows-of';

/** Rows a statement: some thousands of parameters, far under Postgres's 65,535. */
const MOST_ROWS_A_STATEMENT = 500;

/**
 * A multi-row insert of the columns given, a parameter each, each value converted as its
 * column converts it (a Buffer as bytea, a Date as an instant, jsonb as JSON); an SQL value
 * goes as it is (`now()`). For rows carrying large bytes, where `insertJsonRows` would send
 * them as hex inside a jsonb document that Postgres reads as JSON, a character at a time,
 * before decoding (about 230 µs of its CPU for a 5 KB message, against 105); and drizzle's
 * own insert would add every other column of the table to each row as DEFAULT and build all
 * of it. Every row has the same keys; `tail` follows the values (`on conflict ...`,
 * `returning ...`). At most 500 rows go in a statement; returns the rows returned.
 */
export async function insertParameterRows<T extends Table>(
  executor: Executor,
  table: T,
  rows: readonly Record<string, unknown>[],
  tail: SQL,
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]!).map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`no column ${key}`);
    return { key, column };
  });
  const names = sql.raw(keys.map(({ column }) => `"${column.name}"`).join(', '));
  const returned: Record<string, unknown>[] = [];
  for (let at = 0; at < rows.length; at += MOST_ROWS_A_STATEMENT) {
    const values = rows.slice(at, at + MOST_ROWS_A_STATEMENT).map(
      (row) =>
        sql`(${sql.join(
          keys.map(({ key, column }) => {
            const value = row[key];
            return is(value, SQL) ? value : sql.param(value, column);
          }),
          sql`, `,
        )})`,
    );
    returned.push(
      ...(await rowsOf<Record<string, unknown>>(
        executor,
        sql`insert into ${table} (${names}) values ${sql.join(values, sql`, `)} ${tail}`,
      )),
    );
  }
  return returned;
}
