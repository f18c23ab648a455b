import type { MessageEnvelope } from '@escalations/db';
import {
  asCheckResult,
  domainOf,
  parseAuthenticationResults,
  type SenderAuthentication,
} from '@escalations/email';
import { authenticate, type DNSResolver } from 'mailauth';

export interface SenderCheckOptions {
  /** our own host name, for the SPF and DMARC records */
  mta: string;
  /** the receiving server whose Authentication-Results we trust (IMAP, webhook) */
  trustedAuthservId?: string | undefined;
  /** DNS lookups: `DNS_SERVERS` with a timeout (see dns-resolver.ts) */
  resolver?: DNSResolver;
}

/**
 * SPF, DKIM and DMARC for a message, each with the domain it was made for so the verdict
 * can ask whether it is the From domain's. Checked here with mailauth when the message came
 * to our SMTP intake (we know the connecting address, HELO and MAIL FROM); read from the
 * trusted receiving server's Authentication-Results when it was fetched from a hosted
 * mailbox or posted by a provider's webhook.
 */
export async function checkSender(
  raw: Buffer,
  envelope: MessageEnvelope | null,
  authenticationResults: readonly string[],
  fromAddress: string | null,
  options: SenderCheckOptions,
): Promise<SenderAuthentication> {
  const fromDomain = fromAddress ? domainOf(fromAddress) : null;
  if (envelope?.via === 'smtp' && envelope.remoteAddress) {
    const result = await authenticate(raw, {
      ip: envelope.remoteAddress,
      helo: envelope.helo ?? undefined,
      sender: envelope.mailFrom ?? undefined,
      mta: options.mta,
      disableArc: true,
      disableBimi: true,
      ...(options.resolver ? { resolver: options.resolver } : {}),
    });
    return {
      fromDomain,
      spf: result.spf
        ? { result: asCheckResult(result.spf.status.result), domain: result.spf.domain ?? null }
        : { result: 'none', domain: null },
      dkim: (result.dkim?.results ?? []).map((signature) => ({
        result: asCheckResult(signature.status?.result),
        domain: signature.signingDomain ? signature.signingDomain.toLowerCase() : null,
      })),
      dmarc: result.dmarc
        ? { result: asCheckResult(result.dmarc.status.result), domain: result.dmarc.domain ?? null }
        : { result: 'none', domain: null },
      source: 'mailauth',
    };
  }
  if (options.trustedAuthservId)
    return parseAuthenticationResults(authenticationResults, options.trustedAuthservId, fromDomain);
  return {
    fromDomain,
    spf: { result: 'none', domain: null },
    dkim: [],
    dmarc: { result: 'none', domain: null },
    source: 'none',
  };
}
