import { asCheckResult, type SenderAuthentication } from './sender-verdict';

/**
 * The receiving server's verdicts, for mail fetched by IMAP (RFC 8601). Only headers added
 * by our own receiving server count (`authservId`): a sender can write any
 * Authentication-Results it likes into its own message.
 */
export function parseAuthenticationResults(
  headers: readonly string[],
  authservId: string,
): SenderAuthentication {
  const trusted = headers
    .map((header) => header.replace(/\r?\n[ \t]+/g, ' ').trim())
    .filter(
      (header) =>
        header.split(';')[0]!.trim().split(/\s+/)[0]!.toLowerCase() === authservId.toLowerCase(),
    );
  const auth: SenderAuthentication = {
    spf: 'none',
    dkim: [],
    dmarc: 'none',
    source: trusted.length > 0 ? 'authentication-results' : 'none',
  };
  for (const header of trusted) {
    for (const clause of header.split(';').slice(1)) {
      const match = /^\s*(spf|dkim|dmarc)\s*=\s*([a-z]+)/i.exec(clause);
      if (!match) continue;
      const method = match[1]!.toLowerCase();
      const result = asCheckResult(match[2], 'permerror');
      if (method === 'dkim') auth.dkim.push(result);
      else if (method === 'spf') auth.spf = result;
      else auth.dmarc = result;
    }
  }
  return auth;
}
