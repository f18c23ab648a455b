import { parseInboundEmail } from './parse-inbound-email';
import { readHeaderSection } from './read-header-section';

/** What a list of messages shows of each: who it was from and to, and its subject. */
export interface MessageHeadline {
  from: string | null;
  to: string[];
  cc: string[];
  subject: string | null;
}

/**
 * A message's from, to, cc and subject, read from its header section alone (the head of the
 * raw bytes is enough), decoded as the processor decodes them. Never throws.
 */
export async function readMessageHeadline(head: Buffer): Promise<MessageHeadline> {
  const { bodyOffset } = readHeaderSection(head);
  const email = await parseInboundEmail(head.subarray(0, bodyOffset));
  return {
    from: email.from?.address ?? null,
    to: email.to.map((address) => address.address),
    cc: email.cc.map((address) => address.address),
    subject: email.subject || null,
  };
}
