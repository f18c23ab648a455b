import { MessageRepository, type Executor } from '@escalations/db';
import { parseInboundEmail } from '@escalations/email';

const messages = new MessageRepository();

/** Longest text shown of one message: a reply quoting a long thread is still one screen. */
const MAX_TEXT = 20_000;

/** One message of a case as a person reads it: who, when, about what, and what it said. */
export interface CorrespondenceItem {
  id: string;
  at: string;
  direction: 'in' | 'out';
  kind: string | null;
  status: string;
  from: string | null;
  to: string[];
  cc: string[];
  subject: string | null;
  text: string;
  attachments: { filename: string | null; contentType: string; size: number }[];
}

/**
 * Every message in and out of a case with its text, oldest first, read from the stored bytes
 * (what was sent or received is what is shown). For the console's case page; the caller has
 * already checked that the case is within the reader's scope.
 */
export async function caseCorrespondence(
  executor: Executor,
  caseId: string,
): Promise<CorrespondenceItem[]> {
  const listed = await messages.listForCase(executor, caseId);
  const out: CorrespondenceItem[] = [];
  for (const row of listed) {
    const stored = await messages.findById(executor, row.id);
    if (!stored) continue;
    const email = await parseInboundEmail(stored.raw);
    const text = email.text ?? '';
    out.push({
      id: row.id,
      at: new Date(row.receivedAt).toISOString(),
      direction: row.direction === 'inbound' ? 'in' : 'out',
      kind: row.kind ?? null,
      status: row.status,
      from: email.from?.address ?? row.fromAddress ?? null,
      to: email.to.map((address) => address.address),
      cc: email.cc.map((address) => address.address),
      subject: email.subject,
      text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}\n[…]` : text,
      attachments: email.attachments.map((file) => ({
        filename: file.filename ?? null,
        contentType: file.contentType,
        size: file.size,
      })),
    });
  }
  return out;
}
