import { headerValueForParsing, readHeaderSection } from '@escalations/email';

/** What is read from a message before it is acknowledged: its id and sender, for the record. */
export interface ArrivalHeaders {
  /** the Message-ID without angle brackets, whole (the store bounds it for its index) */
  messageId: string | null;
  /** the first address in From, lower-cased; null when there is none */
  fromAddress: string | null;
}

/**
 * The Message-ID and From of a raw message, read in linear time whatever the message
 * holds: no pattern here can backtrack, and From is read only as far as the parsing bound.
 * The Message-ID is read whole, without patterns, so that two long ids differing at their
 * end stay two messages. Parsing proper comes later, in the processor.
 */
export function readArrivalHeaders(raw: Buffer): ArrivalHeaders {
  const { fields } = readHeaderSection(raw);
  const value = (name: string) => fields.find((field) => field.name === name)?.value ?? null;
  return {
    messageId: messageIdOf(value('message-id')),
    fromAddress: firstAddressOf(value('from')),
  };
}

function messageIdOf(value: string | null): string | null {
  if (value === null) return null;
  const open = value.indexOf('<');
  const close = open < 0 ? -1 : value.indexOf('>', open + 1);
  const id = close > open ? value.slice(open + 1, close) : value;
  return id.replace(/\s+/g, '') || null;
}

function firstAddressOf(value: string | null): string | null {
  if (value === null) return null;
  const { value: bounded } = headerValueForParsing(value);
  const token = bounded
    .split(/[\s<>"(),;]+/)
    .find((part) => part.length <= 320 && part.indexOf('@') > 0);
  return token?.toLowerCase() ?? null;
}
