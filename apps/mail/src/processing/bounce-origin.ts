import { addressKey } from '@escalations/domain';
import { OutboxRepository, type Executor } from '@escalations/db';
import { bouncedMessageIds, type InboundEmail } from '@escalations/email';

/** One delivery a bounce proves failed: the case the mail was about, the address it went to. */
export interface BouncedDelivery {
  caseId: string;
  address: string;
}

/**
 * The deliveries of ours a bounce reports as failed. Anyone can write a bounce naming any
 * address, so it counts only where it names a message we sent (by the returned message's
 * Message-ID, or its threading headers) and an address that message was sent to; then only
 * that message's case is affected, and only with the address we used.
 */
export async function bouncedDeliveries(
  executor: Executor,
  email: InboundEmail,
  failed: readonly string[],
): Promise<BouncedDelivery[]> {
  const named = new Set(failed.map(addressKey));
  if (named.size === 0) return [];
  const sent = await new OutboxRepository().findSentMail(executor, bouncedMessageIds(email));
  const found = new Map<string, BouncedDelivery>();
  for (const mail of sent) {
    if (!mail.caseId) continue;
    for (const recipient of mail.recipients) {
      const address = addressKey(recipient);
      if (named.has(address))
        found.set(`${mail.caseId} ${address}`, { caseId: mail.caseId, address });
    }
  }
  return [...found.values()];
}
