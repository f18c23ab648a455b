/**
 * What a failed attempt is recorded as. A database error as drizzle throws it carries the
 * whole query and its parameters (the sender's words, attachment bytes): only the database's
 * own message is kept, which says what was wrong without repeating what was sent.
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  if (error.message.startsWith('Failed query:')) {
    const cause = error.cause;
    const code =
      cause !== null && typeof cause === 'object' && 'code' in cause
        ? ` (${String(cause.code)})`
        : '';
    return cause instanceof Error
      ? `database error${code}: ${cause.message}`
      : 'database error: the query failed';
  }
  return `${error.name}: ${error.message}`;
}
