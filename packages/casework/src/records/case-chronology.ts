import { EventRepository, MessageRepository, type Executor } from '@escalations/db';
import {
  buildChronology,
  parseReplyCommand,
  type CaseEvent,
  type CaseState,
  type Chronology,
  type ChronologyMessage,
  type PolicyFile,
} from '@escalations/domain';
import {
  classifyAutomaticEmail,
  extractReplyText,
  parseInboundEmail,
  type InboundEmail,
} from '@escalations/email';

const events = new EventRepository();
const messages = new MessageRepository();

/** A case's events, as the domain writes them. */
export async function caseEvents(executor: Executor, caseId: string): Promise<CaseEvent[]> {
  const rows = await events.listForCase(executor, caseId);
  return rows.map((row) => ({
    type: row.type,
    at: new Date(row.at).toISOString(),
    stage: row.stage,
    actor: row.actor,
    verified: row.verified,
    data: row.data,
  }));
}

/**
 * Every message in and out of a case with its time, from, to, subject and kind, and the
 * text of the command a reply carried. Read from the stored bytes: what was sent is what
 * is listed.
 */
export async function caseMessages(
  executor: Executor,
  caseId: string,
): Promise<ChronologyMessage[]> {
  const listed = await messages.listForCase(executor, caseId);
  const out: ChronologyMessage[] = [];
  for (const row of listed) {
    const stored = await messages.findById(executor, row.id);
    if (!stored) continue;
    const email = await parseInboundEmail(stored.raw);
    let command: string | null = null;
    if (row.direction === 'inbound' && row.kind === 'reply') {
      const text = extractReplyText(email.text);
      command = parseReplyCommand(text).ok ? text.trim().slice(0, 4000) : null;
    }
    out.push({
      at: new Date(row.receivedAt).toISOString(),
      direction: row.direction === 'inbound' ? 'in' : 'out',
      from: email.from?.address ?? row.fromAddress ?? null,
      to: email.to.map((address) => address.address),
      subject: email.subject,
      kind: row.kind ?? null,
      command,
      ...(row.kind === 'automatic' ? { automatic: automaticOf(email) } : {}),
    });
  }
  return out;
}

function automaticOf(email: InboundEmail): ChronologyMessage['automatic'] {
  const classified = classifyAutomaticEmail(email);
  return classified.automatic
    ? { kind: classified.kind, failedRecipients: classified.failedRecipients }
    : null;
}

export async function caseChronology(
  executor: Executor,
  caseId: string,
  state: CaseState,
  policy: PolicyFile,
): Promise<Chronology> {
  const [caseEventList, messageList] = await Promise.all([
    caseEvents(executor, caseId),
    caseMessages(executor, caseId),
  ]);
  return buildChronology(state, policy, caseEventList, messageList);
}
