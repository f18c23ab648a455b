import { senderVerdict } from '@escalations/email';
import { checkSender } from '../sender-checks';
import type { PipelineContext } from './pipeline-context';
import type { RoutedMail, VerifiedMail } from './pipeline-values';

/**
 * SPF, DKIM and DMARC for the From domain, and what they allow under SENDER_CHECKS: act,
 * act as an unverified sender (whose commands are held for confirmation), or nothing.
 */
export async function verifySender(mail: RoutedMail, ctx: PipelineContext): Promise<VerifiedMail> {
  const authentication = await checkSender(
    mail.message.raw,
    mail.message.envelope,
    mail.email.headers['authentication-results'] ?? [],
    mail.from.address,
    ctx.options.senderCheckOptions,
  );
  const verdict = senderVerdict(authentication, ctx.options.senderChecks);
  return {
    ...mail,
    verdict,
    authentication: { ...authentication, verdict } as unknown as Record<string, unknown>,
  };
}
