import type { MessageEnvelope } from '@escalations/db';
import {
  asCheckResult,
  parseAuthenticationResults,
  type SenderAuthentication,
} from '@escalations/email';
import { authenticate, type DNSResolver } from 'mailauth';

export interface SenderCheckOptions {
  /** our own host name, for the SPF and DMARC records */
  mta: string;
  /** the receiving server whose Authentication-Results we trust (IMAP, webhook) */
  trustedAuthservId?: string | undefined;
  /** DNS lookups; injected by tests, Node's resolver otherwise */
  resolver?: DNSResolver;
}

/**
 * SPF, DKIM and DMARC for a message: checked here with mailauth when it came to our SMTP
 * intake (we know the connecting address, HELO and MAIL FROM), read from the receiving
 * server's Authentication-Results when it was fetched from a hosted mailbox or posted by a
 * provider's webhook.
 */
export async function checkSender(
  raw: Buffer,
  envelope: MessageEnvelope | null,
  authenticationResults: readonly string[],
  options: SenderCheckOptions,
): Promise<SenderAuthentication> {
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
      spf: result.spf ? asCheckResult(result.spf.status.result) : 'none',
      dkim: (result.dkim?.results ?? []).map((signature) =>
        asCheckResult(signature.status?.result),
      ),
      dmarc: result.dmarc ? asCheckResult(result.dmarc.status.result) : 'none',
      source: 'mailauth',
    };
  }
  if (options.trustedAuthservId)
    return parseAuthenticationResults(authenticationResults, options.trustedAuthservId);
  return { spf: 'none', dkim: [], dmarc: 'none', source: 'none' };
}
