import { getTableColumns, sql, type SQL, type Table } from 'drizzle-orm';
import type { Executor } from '../database';
import { rowsOf } from '../rows-of';

/**
 * A multi-row insert whose rows travel as one jsonb parameter, unpacked by
 * `jsonb_populate_recordset` (as `r`) into the table's own column types. The statement's
 * text is the same whatever the number of rows, so the server prepares it once per
 * connection, and building it costs next to nothing however many rows and columns it
 * carries (fifty cases' rows as drizzle parameters are some two thousand, each checked and
 * bound). For rows of plain columns, every row with the same keys: text, numbers, enums,
 * dates and instants (a Date goes as its ISO instant), booleans, jsonb, and bytea given as
 * `byteaText`; `null` is SQL NULL; a column left out takes its default.
 *
 * `computed` replaces a column's value by an expression over `r`; `tail` follows the
 * select (`on conflict ...`, `returning ...`). Returns the rows returned, keyed by the
 * columns' names in the database.
 */
export async function insertJsonRows<T extends Table>(
  executor: Executor,
  table: T,
  rows: readonly Record<string, unknown>[],
  options: { computed?: Record<string, SQL>; tail?: (nameOf: (key: string) => string) => SQL },
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table);
  const nameOf = (key: string) => {
    const column = columns[key];
    if (!column) throw new Error(`no column ${key}`);
    return `"${column.name}"`;
  };
  const keys = Object.keys(rows[0]!);
  const json = JSON.stringify(
    rows.map((row) => Object.fromEntries(keys.map((key) => [columns[key]!.name, row[key]]))),
  );
  const values = sql.join(
    keys.map((key) => options.computed?.[key] ?? sql.raw(`r.${nameOf(key)}`)),
    sql.raw(', '),
  );
  return rowsOf<Record<string, unknown>>(
    executor,
    sql`insert into ${table} (${sql.raw(keys.map(nameOf).join(', '))})
      select ${values} from jsonb_populate_recordset(null::${table}, ${json}::jsonb) as r
      ${options.tail?.(nameOf) ?? sql``}`,
  );
}

/** `insertJsonRows` as an upsert: `set` names the columns a conflict takes from the row. */
export function upsertJsonRows<T extends Table>(
  executor: Executor,
  table: T,
  rows: readonly Record<string, unknown>[],
  conflict: { target: readonly string[]; set: readonly string[]; returning?: string },
): Promise<Record<string, unknown>[]> {
  return insertJsonRows(executor, table, rows, {
    tail: (nameOf) =>
      sql.raw(
        `on conflict (${conflict.target.map(nameOf).join(', ')}) do update set ` +
          conflict.set.map((key) => `${nameOf(key)} = excluded.${nameOf(key)}`).join(', ') +
          (conflict.returning ? ` returning ${nameOf(conflict.returning)}` : ''),
      ),
  });
}

/** A bytea value as jsonb carries it to `insertJsonRows`: its hex text form. */
export function byteaText(bytes: Buffer): string {
  return `\\x${bytes.toString('hex')}`;
}
