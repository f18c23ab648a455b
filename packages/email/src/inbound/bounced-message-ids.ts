import type { InboundEmail } from './inbound-email.schema';
import { readHeaderSection } from './read-header-section';

/** The parts in which a bounce returns the message that could not be delivered, or its headers. */
const RETURNED_MESSAGE_TYPES = new Set([
  'message/rfc822',
  'message/global',
  'text/rfc822-headers',
  'message/global-headers',
]);

const MESSAGE_ID_LINE = /^[ \t>]*message-id[ \t]*:[ \t]*<([^<>\s]{1,998})>/gim;
const MAX_IDS = 50;

/**
 * The Message-IDs a bounce says it is about, likeliest first: the Message-ID of the returned
 * message or headers it carries (RFC 6522), its In-Reply-To, Message-ID lines in its text
 * (bounces that quote the original inline), its References newest first. These are claims, not proof:
 * anyone can write a bounce. They count only once the caller finds one of them among the
 * messages it sent, to the address the bounce names.
 */
export function bouncedMessageIds(email: InboundEmail): string[] {
  const ids: string[] = [];
  for (const part of email.attachments) {
    if (!RETURNED_MESSAGE_TYPES.has(part.contentType)) continue;
    const { fields } = readHeaderSection(part.content);
    for (const field of fields) {
      if (field.name !== 'message-id') continue;
      const id = /<([^<>\s]{1,998})>/.exec(field.value)?.[1];
      if (id) ids.push(id);
    }
  }
  if (email.inReplyTo) ids.push(email.inReplyTo);
  for (const match of email.text.matchAll(MESSAGE_ID_LINE)) ids.push(match[1]!);
  ids.push(...[...email.references].reverse());
  return [...new Set(ids.map((id) => id.trim()).filter(Boolean))].slice(0, MAX_IDS);
}
