import { createHash } from 'node:crypto';

/**
 * Message-IDs and threading headers. Every message about a case refers to one synthetic
 * root, `<case.<ref>@<domain>>`, so mail clients thread a case however its messages arrive,
 * and a notice's Message-ID is derived from the notice itself, so a resend after a crash is
 * the same message and a receiving server can drop the duplicate.
 */

export function caseRootMessageId(ref: string, domain: string): string {
  return `case.${ref.toLowerCase()}@${domain.toLowerCase()}`;
}

/** A stable id for one outgoing message: the case, the notice and the recipients it went to. */
export function outgoingMessageId(
  ref: string,
  noticeKey: string,
  recipients: readonly string[],
  domain: string,
): string {
  const digest = createHash('sha256')
    .update(`${ref}\n${noticeKey}\n${[...recipients].sort().join(',')}`)
    .digest('base64url')
    .slice(0, 22);
  return `${digest}.${ref.toLowerCase()}@${domain.toLowerCase()}`;
}

export interface ThreadingHeaders {
  messageId: string;
  /** null for a message that answers nothing (a first answer to mail without a Message-ID) */
  inReplyTo: string | null;
  references: string[];
}

/** Headers for a message in a case's thread, answering `replyTo` (a message id) when given. */
export function threadingHeaders(
  ref: string,
  domain: string,
  messageId: string,
  replyTo?: string | null,
): ThreadingHeaders {
  const root = caseRootMessageId(ref, domain);
  const references = replyTo && replyTo !== root ? [root, replyTo] : [root];
  return { messageId, inReplyTo: replyTo ?? root, references };
}

/**
 * The reference named by threading headers (In-Reply-To, References) that point at a
 * message of ours: a case root or one of the messages we sent.
 */
export function refFromThreadingHeaders(domain: string, ids: readonly string[]): string | null {
  const host = domain.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ours = new RegExp(`^(?:case|[A-Za-z0-9_-]{22})\\.([a-z0-9-]+)@${host}$`, 'i');
  for (const id of ids) {
    const match = ours.exec(id.replace(/^<|>$/g, '').trim());
    if (match?.[1]) return match[1].toUpperCase();
  }
  return null;
}

/** `[NEL-2026-0007]` in a subject: the reference in brackets, nothing else identifying. */
export function refFromSubject(subject: string, codes: readonly string[]): string | null {
  const pattern = new RegExp(
    `\\[(${codes.map((code) => code.replace(/[^A-Z]/g, '')).join('|')})-(\\d{4})-(\\d{4,})\\]`,
    'i',
  );
  const match = pattern.exec(subject);
  return match ? `${match[1]!.toUpperCase()}-${match[2]}-${match[3]}` : null;
}
