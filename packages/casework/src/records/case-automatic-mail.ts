import { MessageRepository, ParticipantRepository, type Executor } from '@escalations/db';
import {
  classifyAutomaticEmail,
  parseInboundEmail,
  readMessageHeadline,
  type AutomaticEmailKind,
} from '@escalations/email';

export { readMessageHeadline, type MessageHeadline } from '@escalations/email';

const messages = new MessageRepository();
const participants = new ParticipantRepository();

/** Mail a machine sent about a case, as the case view shows it. */
export interface AutomaticMail {
  /** the stored message: its bytes are GET /messages/{id}/raw */
  id: string;
  at: string;
  /** auto-reply (out of office), bounce, delivery-delay, read-receipt, ... */
  kind: AutomaticEmailKind | 'unclassified';
  /** which signal decided it */
  reason: string | null;
  from: string | null;
  subject: string | null;
  /** a bounce's failed recipients; a delay's delayed ones */
  failedRecipients: string[];
}

/**
 * The out-of-office replies, bounces and other machine mail the processor tied to the case,
 * classified again from their stored bytes (the classifier is pure, so this is what the
 * processor decided), oldest first.
 */
export async function caseAutomaticMail(
  executor: Executor,
  caseId: string,
): Promise<AutomaticMail[]> {
  const rows = await messages.automaticForCase(executor, caseId);
  const out: AutomaticMail[] = [];
  for (const row of rows) {
    const email = await parseInboundEmail(row.raw);
    const classified = classifyAutomaticEmail(email);
    const headline = await readMessageHeadline(row.raw);
    out.push({
      id: row.id,
      at: row.receivedAt.toISOString(),
      kind: classified.automatic ? classified.kind : 'unclassified',
      reason: classified.automatic ? classified.reason : null,
      from: headline.from,
      subject: headline.subject,
      failedRecipients: classified.automatic ? classified.failedRecipients : [],
    });
  }
  return out;
}

/** Participants whose mail about the case bounced: the partnership was told of each. */
export async function caseFailingAddresses(executor: Executor, caseId: string) {
  const rows = await participants.failingOnCase(executor, caseId);
  return rows.map((row) => ({
    email: row.email,
    name: row.name,
    failingSince: row.failingSince?.toISOString() ?? null,
  }));
}
