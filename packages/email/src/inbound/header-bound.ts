/**
 * How much of one header value is parsed. Honest values are a few hundred characters (a
 * long References a few kilobytes); every regular expression that reads a header reads at
 * most this much, so no header, however long, can make parsing slow. The raw bytes are
 * kept whole in the database: only what is read from them is bounded.
 */
export const MAX_PARSED_HEADER_VALUE = 8 * 1024;

/** The part of a header value that is parsed, and whether anything was left off. */
export function headerValueForParsing(value: string): { value: string; cut: boolean } {
  return value.length > MAX_PARSED_HEADER_VALUE
    ? { value: value.slice(0, MAX_PARSED_HEADER_VALUE), cut: true }
    : { value, cut: false };
}
