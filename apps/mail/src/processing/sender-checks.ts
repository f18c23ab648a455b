import type { MessageEnvelope } from '@escalations/db';
import {
  asCheckResult,
  domainOf,
  parseAuthenticationResults,
  readHeaderSection,
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
    const result = await authenticate(authenticationInput(raw), {
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

/**
 * What mailauth is given to check a message. Its DKIM step reads every header byte one at
 * a time (with an array made for each) and streams the body through, even for a message
 * with no DKIM-Signature, where it can find nothing to verify; of an unsigned message the
 * checks use only the From fields (the domain DMARC is looked up for). So an unsigned
 * message goes to mailauth as its From fields alone, with the same results; a signed one
 * goes whole. If this reading of the header section missed a signature mailauth would
 * have found, the sender would lose a DKIM pass, never gain one.
 */
export function authenticationInput(raw: Buffer): Buffer {
  const { fields } = readHeaderSection(raw);
  if (fields.some((field) => field.name === 'dkim-signature')) return raw;
  const from = fields.filter((field) => field.name === 'from');
  return Buffer.from(`${from.map((field) => `From:${field.value}\r\n`).join('')}\r\n`, 'latin1');
}
