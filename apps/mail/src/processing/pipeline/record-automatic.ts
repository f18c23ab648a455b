import { partnershipAddressesIn } from '@escalations/casework';
import { ParticipantRepository } from '@escalations/db';
import type { AutomaticEmailClassification } from '@escalations/email';
import { caseOfAutomaticMail } from '../automatic-mail-case';
import { bouncedDeliveries } from '../bounce-origin';
import { settle } from './answer';
import type { PipelineContext } from './pipeline-context';
import type { Outcome, ParsedMessage } from './pipeline-values';

type Automatic = Extract<AutomaticEmailClassification, { automatic: true }>;

const participants = new ParticipantRepository();

/**
 * Recorded, never answered. A bounce of mail we sent marks the address it went to failing
 * on that mail's case and tells the partnership; any other bounce changes nothing. Mail
 * proven to be about a case is kept with it, to show on the case and in its chronology.
 */
export async function recordAutomatic(
  parsed: ParsedMessage,
  automatic: Automatic,
  ctx: PipelineContext,
): Promise<Outcome> {
  const { email } = parsed;
  const { kind, reason, failedRecipients: failed } = automatic;
  const now = ctx.clock();
  return ctx.database.transaction(async (tx) => {
    const deliveries = kind === 'bounce' ? await bouncedDeliveries(tx, email, failed) : [];
    for (const { caseId, address } of deliveries) {
      const affected = await participants.markFailingOnCase(tx, caseId, address, now);
      const policy = affected && ctx.library.policies.get(affected.policyId);
      if (!affected || !policy) continue;
      await ctx.answers.queue(
        tx,
        {
          to: await partnershipAddressesIn(tx, ctx.mail, policy.id, policy.partnershipContact),
          policy,
          template: 'delivery-failed',
          data: { address, reason },
          ref: affected.ref,
          caseId: affected.id,
          inReplyTo: email.messageId,
        },
        now,
      );
    }
    const caseId = await caseOfAutomaticMail(tx, email, kind, deliveries, {
      secret: ctx.mail.replySecret,
      domain: ctx.options.routes.domain,
    });
    const unproven =
      kind === 'bounce' && failed.length > 0 && deliveries.length === 0
        ? '; names no mail we sent to those addresses, so no one is marked failing'
        : '';
    const outcome: Outcome = { kind: 'automatic', caseId, note: `${kind}: ${reason}${unproven}` };
    await settle(tx, parsed.message.id, outcome, now);
    return outcome;
  });
}
