import { headerValueForParsing, readHeaderSection } from '@escalations/email';
import { addressKey } from '@escalations/domain';

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

/**
 * The id in angle brackets, or a bare `local@domain` where a sender left them off; null for
 * a header that holds no id (`<<<<`), so that such messages are told apart by their bytes
 * rather than all taken for one message.
 */
function messageIdOf(value: string | null): string | null {
  if (value === null) return null;
  const close = value.indexOf('>');
  const open = close < 0 ? -1 : value.lastIndexOf('<', close);
  const id = (open >= 0 ? value.slice(open + 1, close) : value).replace(/\s+/g, '');
  if (id === '' || id.includes('<') || id.includes('>')) return null;
  return open >= 0 || id.includes('@') ? id : null;
}

function firstAddressOf(value: string | null): string | null {
  if (value === null) return null;
  const { value: bounded } = headerValueForParsing(value);
  const token = bounded
    .split(/[\s<>"(),;]+/)
    .find((part) => part.length <= 320 && part.indexOf('@') > 0);
  return token === undefined ? null : addressKey(token);
}
