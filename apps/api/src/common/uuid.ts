const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids from paths and cursors are checked before they reach a query: Postgres answers a
 * malformed uuid with an error, not with nothing found.
 */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
