import {
  getTableColumns,
  SQL,
  type BuildQueryConfig,
  type Column,
  type QueryWithTypings,
  type Table,
} from 'drizzle-orm';
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
  const returned: Record<string, unknown>[] = [];
  for (let at = 0; at < rows.length; at += MOST_ROWS_A_STATEMENT) {
    const statement = new ValuesInsert(
      table,
      keys,
      rows.slice(at, at + MOST_ROWS_A_STATEMENT),
      tail,
    );
    returned.push(...(await rowsOf<Record<string, unknown>>(executor, statement)));
  }
  return returned;
}

/**
 * The insert's text and parameters, built in one pass over the rows. drizzle's own walk of
 * a statement's pieces tests each piece against a dozen kinds, most by climbing its class
 * chain, and again each parameter's column for its typing: some 30 µs a row of eight
 * columns, measured, about 4 % of the mail service's CPU an escalation. The values are
 * converted exactly as that walk converts a parameter (`mapToDriverValue`, null as null).
 */
class ValuesInsert extends SQL {
  constructor(
    private readonly table: Table,
    private readonly keys: readonly { key: string; column: Column }[],
    private readonly rows: readonly Record<string, unknown>[],
    private readonly tail: SQL,
  ) {
    super([]);
  }

  override toQuery(config: BuildQueryConfig): QueryWithTypings {
    const params: unknown[] = [];
    const embed = (piece: SQL): string => {
      const built = piece.toQuery({ ...config, paramStartIndex: { value: params.length } });
      params.push(...built.params);
      return built.sql;
    };
    const names = this.keys.map(({ column }) => config.escapeName(column.name)).join(', ');
    const tuples = this.rows.map((row) => {
      const values = this.keys.map(({ key, column }) => {
        const value = row[key];
        if (value instanceof SQL) return embed(value);
        const placeholder = config.escapeParam(params.length, value);
        params.push(value === null ? null : column.mapToDriverValue(value));
        return placeholder;
      });
      return `(${values.join(', ')})`;
    });
    const into = embed(new SQL([this.table]));
    return {
      sql: `insert into ${into} (${names}) values ${tuples.join(', ')} ${embed(this.tail)}`,
      params,
    };
  }
}
