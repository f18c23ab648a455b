import { addressKey } from '@escalations/domain';
import { CaseRepository, OutboxRepository, type Executor } from '@escalations/db';
import { bouncedMessageIds, verifyReplyAddress, type InboundEmail } from '@escalations/email';
import type { BouncedDelivery } from './bounce-origin';

/**
 * The case machine-sent mail is about, so it shows there (an out-of-office answering a
 * notice says the person is away while the stage's days run). Anyone can write an
 * auto-reply naming any case, so only proof ties it to one: a bounce by the delivery it
 * proves failed (`bounce-origin.ts`); other automatic mail by naming a message we sent to its
 * sender (In-Reply-To, References, a returned copy), or by writing to a signed reply address.
 * A bounce that proves nothing is tied to nothing.
 */
export async function caseOfAutomaticMail(
  executor: Executor,
  email: InboundEmail,
  kind: string,
  deliveries: readonly BouncedDelivery[],
  reply: { secret: string; domain: string },
): Promise<string | null> {
  if (kind === 'bounce') return deliveries[0]?.caseId ?? null;
  const sender = email.from && addressKey(email.from.address);
  if (sender) {
    const sent = await new OutboxRepository().findSentMail(executor, bouncedMessageIds(email));
    const answered = sent.find(
      (mail) => mail.caseId && mail.recipients.some((address) => addressKey(address) === sender),
    );
    if (answered?.caseId) return answered.caseId;
  }
  for (const address of [...email.to, ...email.cc].map((a) => a.address)) {
    const target = verifyReplyAddress(reply.secret, reply.domain, address);
    if (!target) continue;
    const record = await new CaseRepository().findByRef(executor, target.ref);
    if (record) return record.id;
  }
  return null;
}
