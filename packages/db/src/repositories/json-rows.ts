import { getTableColumns, sql, type SQL, type Table } from 'drizzle-orm';
import type { Executor } from '../database';

/**
 * A multi-row upsert whose rows travel as one jsonb parameter, unpacked by
 * `jsonb_populate_recordset` into the table's own column types. The statement's text is the
 * same whatever the number of rows, so the server prepares it once per connection, and
 * building it costs next to nothing however many rows and columns it carries (a batch of
 * fifty cases' rows as drizzle parameters is some two thousand of them, each checked and
 * bound). For rows of plain columns (text, numbers, enums, dates and instants, booleans,
 * jsonb): a Date goes as its ISO instant, `null` as SQL NULL, a missing key as NULL.
 *
 * `set` names the columns the conflict updates, each from its proposed value (`excluded`).
 */
export async function upsertJsonRows<T extends Table>(
  executor: Executor,
  table: T,
  rows: readonly Record<string, unknown>[],
  conflict: { target: readonly string[]; set: readonly string[]; returning?: string },
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table);
  const nameOf = (key: string) => {
    const column = columns[key];
    if (!column) throw new Error(`no column ${key}`);
    return `"${column.name}"`;
  };
  const keys = Object.keys(rows[0]!);
  const list = keys.map(nameOf).join(', ');
  const json = JSON.stringify(
    rows.map((row) => Object.fromEntries(keys.map((key) => [columns[key]!.name, row[key]]))),
  );
  const update = conflict.set.map((key) => `${nameOf(key)} = excluded.${nameOf(key)}`);
  const statement: SQL = sql`insert into ${table} (${sql.raw(list)})
    select ${sql.raw(list)} from jsonb_populate_recordset(null::${table}, ${json}::jsonb)
    on conflict (${sql.raw(conflict.target.map(nameOf).join(', '))})
    do update set ${sql.raw(update.join(', '))}
    ${conflict.returning ? sql.raw(`returning ${nameOf(conflict.returning)}`) : sql``}`;
  const result: unknown = await executor.execute(statement);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
    string,
    unknown
  >[];
}
