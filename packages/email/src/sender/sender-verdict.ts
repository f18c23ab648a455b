/**
 * Whether a sender's mail may change a case (CONTRACT.md): failing the sender checks means
 * DMARC `fail`, or SPF `fail` with no passing DKIM signature. A domain that publishes
 * nothing (or whose records could not be looked up) may act, recorded as unverified;
 * `strict` mode requires a pass.
 */

export const CHECK_RESULTS = [
  'pass',
  'fail',
  'softfail',
  'neutral',
  'none',
  'temperror',
  'permerror',
  'policy',
] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** A result as a checker spelt it, or `fallback` for anything not in RFC 8601's list. */
export function asCheckResult(value: unknown, fallback: CheckResult = 'none'): CheckResult {
  const spelt = typeof value === 'string' ? value.toLowerCase() : value;
  return CHECK_RESULTS.find((result) => result === spelt) ?? fallback;
}

export interface SenderAuthentication {
  spf: CheckResult;
  /** one result per DKIM signature (empty when unsigned) */
  dkim: CheckResult[];
  dmarc: CheckResult;
  /** where the results came from, for the record */
  source: 'mailauth' | 'authentication-results' | 'none';
}

export type SenderCheckMode = 'relaxed' | 'strict';

export interface SenderVerdict {
  /** may this mail change a case */
  allowed: boolean;
  /** did it pass: recorded on every event it causes */
  verified: boolean;
  /** for the answer and the audit trail */
  reason: string;
}

export function senderVerdict(auth: SenderAuthentication, mode: SenderCheckMode): SenderVerdict {
  const dkimPass = auth.dkim.includes('pass');
  const verified = auth.dmarc === 'pass' || auth.spf === 'pass' || dkimPass;
  const summary = `SPF ${auth.spf}, DKIM ${auth.dkim.length > 0 ? auth.dkim.join('/') : 'none'}, DMARC ${auth.dmarc}`;
  if (auth.dmarc === 'fail') {
    return {
      allowed: false,
      verified: false,
      reason: `the sender's domain says this mail is not from it (DMARC fail; ${summary})`,
    };
  }
  if (auth.spf === 'fail' && !dkimPass) {
    return {
      allowed: false,
      verified: false,
      reason: `the sending server is not allowed to send for the sender's domain (SPF fail, no valid DKIM signature; ${summary})`,
    };
  }
  if (mode === 'strict' && !verified) {
    return {
      allowed: false,
      verified: false,
      reason: `this service requires mail that passes SPF, DKIM or DMARC, and this did not (${summary})`,
    };
  }
  return {
    allowed: true,
    verified,
    reason: verified
      ? `sender verified (${summary})`
      : `sender not verified: nothing to check against (${summary})`,
  };
}
