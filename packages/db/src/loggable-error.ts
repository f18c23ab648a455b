/**
 * An error as a log line may carry it: its kind, codes and the names of what it concerns,
 * never its message. A failed query's message repeats the query's parameters (a child's
 * name, a disagreement in the sender's words), and the database's own messages quote the
 * values they refused (`invalid input syntax for type uuid: "..."`); a mail server's reply
 * quotes addresses. So a log names the error and the operator reads the rest from the ids
 * logged beside it.
 *
 * `DrizzleQueryError (insert into "cases") ← DatabaseError 23505 constraint=cases_ref_unique table=cases`
 */
export function loggableError(error: unknown): string {
  return describe(error, 0);
}

/** An error a process stops on: its kind and codes, then where it was thrown. */
export function loggableCrash(error: unknown): string {
  const frames = loggableFrames(error);
  return frames ? `${loggableError(error)}\n${frames}` : loggableError(error);
}

/** The stack's frames without its first line (which is the message), for a start-up failure. */
export function loggableFrames(error: unknown): string {
  if (!(error instanceof Error) || !error.stack) return '';
  return error.stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

/** Fields that name a code or a schema object, never a value: safe to log. */
const CODE_FIELDS = ['code', 'errno', 'syscall', 'responseCode', 'serverResponseCode', 'status'];
const SCHEMA_FIELDS: [label: string, names: string[]][] = [
  ['constraint', ['constraint', 'constraint_name']],
  ['table', ['table', 'table_name']],
  ['column', ['column', 'column_name']],
];

function describe(error: unknown, depth: number, outer?: string): string {
  if (!(error instanceof Error)) return typeof error === 'object' ? 'non-error object' : 'error';
  const fields = error as unknown as Record<string, unknown>;
  const parts = [kindOf(error, fields)];
  const statement = statementOf(fields.query);
  if (statement && statement !== outer) parts.push(`(${statement})`);
  for (const field of CODE_FIELDS) {
    const value = fields[field];
    if (typeof value === 'number' || (typeof value === 'string' && isCode(value)))
      parts.push(String(value));
  }
  for (const [label, names] of SCHEMA_FIELDS) {
    const value = names.map((name) => fields[name]).find((v) => typeof v === 'string');
    if (typeof value === 'string' && isIdentifier(value)) parts.push(`${label}=${value}`);
  }
  const line = parts.join(' ');
  return error.cause !== undefined && depth < 3
    ? `${line} ← ${describe(error.cause, depth + 1, statement ?? outer)}`
    : line;
}

/**
 * The error's kind: its name, or where that says nothing (drizzle leaves `Error` on its query
 * errors; PGlite puts the severity, `error`, and minifies its class names) its class's name.
 */
function kindOf(error: Error, fields: Record<string, unknown>): string {
  if (isIdentifier(error.name) && /^[A-Z]/.test(error.name) && error.name !== 'Error')
    return error.name;
  const constructed = (error.constructor as { name?: unknown } | undefined)?.name;
  if (typeof constructed === 'string' && constructed.length > 3 && isIdentifier(constructed))
    return constructed;
  return typeof fields.severity === 'string' ? 'DatabaseError' : 'Error';
}

/** `insert into "cases"`: the verb and the first table of a parameterised query, no more. */
function statementOf(query: unknown): string | null {
  if (typeof query !== 'string') return null;
  const match = /^\s*(select|insert into|update|delete from|with)\b/i.exec(query);
  if (!match) return 'a query';
  const table = /\b(?:into|update|from)\s+("?[\w.]+"?)/i.exec(query)?.[1];
  return table && isIdentifier(table.replaceAll('"', ''))
    ? `${match[1]!.toLowerCase()} ${table}`
    : match[1]!.toLowerCase();
}

function isCode(value: string): boolean {
  return /^[A-Za-z0-9_.-]{1,40}$/.test(value);
}

function isIdentifier(value: string): boolean {
  return /^[A-Za-z_][\w.$]{0,62}$/.test(value);
}
