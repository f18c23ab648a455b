import { domainOf } from './domain-alignment';
import { asCheckResult, type DomainCheck, type SenderAuthentication } from './sender-verdict';

/** Longer than any real Authentication-Results; a longer one is read only this far. */
const MAX_HEADER_CHARS = 8 * 1024;

/**
 * The receiving server's verdicts, for mail fetched by IMAP or posted by a provider's
 * webhook (RFC 8601). Only the topmost header carrying our receiving server's authserv-id
 * counts: that server adds its own above everything the message already held, so any other
 * header with the same id was written by the sender (section 5), and is ignored. With no
 * such header there is nothing to trust: `source: 'none'`, never "publishes nothing".
 *
 * `headers` are in the order they stand in the message, top first.
 */
export function parseAuthenticationResults(
  headers: readonly string[],
  authservId: string,
  fromDomain: string | null,
): SenderAuthentication {
  const auth: SenderAuthentication = {
    fromDomain,
    spf: { result: 'none', domain: null },
    dkim: [],
    dmarc: { result: 'none', domain: null },
    source: 'none',
  };
  const trusted = headers
    .map((header) => unfold(header))
    .find((header) => authservIdOf(header) === authservId.toLowerCase());
  if (trusted === undefined) return auth;
  auth.source = 'authentication-results';
  for (const clause of trusted.split(';').slice(1)) {
    const method = /^\s*(spf|dkim|dmarc)\s*=\s*([a-z]+)/i.exec(clause);
    if (!method) continue;
    const result = asCheckResult(method[2], 'permerror');
    const properties = propertiesOf(clause);
    switch (method[1]!.toLowerCase()) {
      case 'spf':
        auth.spf = check(result, properties['smtp.mailfrom'] ?? properties['smtp.helo']);
        break;
      case 'dkim':
        auth.dkim.push(check(result, properties['header.d'] ?? properties['header.i']));
        break;
      default:
        auth.dmarc = check(result, properties['header.from']);
    }
  }
  return auth;
}

function check(result: DomainCheck['result'], value: string | undefined): DomainCheck {
  return { result, domain: value ? domainOf(value) : null };
}

function unfold(header: string): string {
  return header
    .slice(0, MAX_HEADER_CHARS)
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/\([^()]*\)/g, ' ')
    .trim();
}

function authservIdOf(header: string): string {
  return (header.split(';')[0] ?? '').trim().split(/\s+/)[0]!.toLowerCase();
}

/** `ptype.property=value` pairs of one resinfo clause (RFC 8601 section 2.2). */
function propertiesOf(clause: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const match of clause.matchAll(/\b([a-z]+\.[a-z-]+)\s*=\s*"?([^\s";]+)"?/gi)) {
    properties[match[1]!.toLowerCase()] ??= match[2]!;
  }
  return properties;
}
