import { createHash } from 'node:crypto';

/**
 * Text from outside (mail headers, attachment names, error messages) made safe for a text or
 * jsonb column. Postgres refuses NUL in text and `\u0000` in jsonb, and refuses a lone UTF-16
 * surrogate (which `JSON.stringify` writes as `\ud800`, and which no UTF-8 can encode) in
 * both: one such character from a sender must not make a message impossible to store, nor
 * the record of its failure. Every repository that writes free text passes it through here.
 */

/** The longest free text kept in a column: more than any honest header, name or note. */
export const MAX_STORABLE_TEXT = 64 * 1024;

const REPLACEMENT = '\uFFFD';
// A NUL, a high surrogate not followed by a low one, or a low surrogate not after a high one.
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `value` with NUL and lone surrogates replaced by U+FFFD and cut to `maxLength` UTF-16
 * units (never between the two halves of a pair), marked with `…` when cut.
 */
export function storableText(value: string, maxLength = MAX_STORABLE_TEXT): string {
  let text = value;
  if (text.length > maxLength) {
    let end = Math.max(0, maxLength - 1);
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    text = `${text.slice(0, end)}…`;
  }
  return text.replace(UNSTORABLE, REPLACEMENT);
}

export function storableTextOrNull(
  value: string | null | undefined,
  maxLength = MAX_STORABLE_TEXT,
): string | null {
  return value === null || value === undefined ? null : storableText(value, maxLength);
}

/**
 * A JSON value for a jsonb column with every string in it, keys too, made storable. Other
 * values (numbers, booleans, null, Dates) are left as they are.
 */
export function storableJson<T>(value: T): T {
  return storableValue(value) as T;
}

function storableValue(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableValue);
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [storableText(key), storableValue(entry)]),
    );
  }
  return value;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Longest Message-ID kept as it is: a btree entry must stay under ~2.7 KB whatever the bytes. */
export const MAX_STORED_MESSAGE_ID = 512;

/**
 * A Message-ID as the unique key of inbound mail: as it is when it is short and storable;
 * otherwise its storable beginning and a hash of the whole id, so that it still fits the
 * index and two ids that differ only past the cut, or only in a NUL, stay two messages.
 * The raw bytes keep the id whole.
 */
export function storableMessageId(id: string | null): string | null {
  if (id === null || id === '') return null;
  const storable = storableText(id, MAX_STORED_MESSAGE_ID);
  if (storable === id && Buffer.byteLength(id, 'utf8') <= MAX_STORED_MESSAGE_ID) return id;
  const digest = createHash('sha256').update(Buffer.from(id, 'utf16le')).digest('hex');
  return `${storableText(id, 128)}#sha256:${digest}`;
}
