import { alignedDomains } from './domain-alignment';

/**
 * Whether a sender's mail may change a case, and whether it is verified (README, "What the
 * sender checks guarantee"). A pass counts only when it is for the From domain: DMARC's
 * identifier alignment (RFC 7489 section 3.1, relaxed: the same organisational domain), so
 * an attacker's own SPF pass or DKIM signature proves nothing about a participant's address.
 *
 * - failed: DMARC `fail`, or SPF `fail` with no aligned DKIM pass. Never acts.
 * - verified: DMARC `pass`, or an aligned SPF or DKIM pass. Acts at once.
 * - unverified: anything else (nothing published, lookups failed, passes for another
 *   domain, no results from our trusted receiving server). In `relaxed` mode it may act
 *   once confirmed from the participant's own mailbox; `strict` mode refuses it.
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
  if (spelt === 'temperr') return 'temperror';
  return CHECK_RESULTS.find((result) => result === spelt) ?? fallback;
}

/** One check's result and the domain it was made for (SPF: MAIL FROM; DKIM: `d=`). */
export interface DomainCheck {
  result: CheckResult;
  domain: string | null;
}

export interface SenderAuthentication {
  /** the domain of the message's one From address; null when there is none */
  fromDomain: string | null;
  spf: DomainCheck;
  /** one per DKIM signature (empty when unsigned) */
  dkim: DomainCheck[];
  /** DMARC for the From domain (`domain` as the checker named it, when it did) */
  dmarc: DomainCheck;
  /** where the results came from, for the record */
  source: 'mailauth' | 'authentication-results' | 'none';
}

export type SenderCheckMode = 'relaxed' | 'strict';

export type SenderStatus = 'verified' | 'unverified' | 'failed';

/** Why a sender that did not fail is still not verified: each is said differently. */
export type UnverifiedCause =
  'lookup-failed' | 'not-aligned' | 'nothing-published' | 'no-trusted-results';

export interface SenderVerdict {
  status: SenderStatus;
  /** may this mail change a case (an unverified sender's, only once confirmed) */
  allowed: boolean;
  /** did it pass, aligned with From: recorded on every event it causes */
  verified: boolean;
  cause?: UnverifiedCause;
  /** for the answer and the audit trail, with every check's result */
  reason: string;
  /** for the people on the case: why an unverified sender is not verified, in a few words */
  why?: string;
}

export function summariseChecks(auth: SenderAuthentication): string {
  const part = (name: string, check: DomainCheck) =>
    `${name} ${check.result}${check.domain ? ` (${check.domain})` : ''}`;
  const dkim =
    auth.dkim.length > 0 ? auth.dkim.map((check) => part('DKIM', check)).join(', ') : 'DKIM none';
  return `${part('SPF', auth.spf)}, ${dkim}, ${part('DMARC', auth.dmarc)}`;
}

export function senderVerdict(auth: SenderAuthentication, mode: SenderCheckMode): SenderVerdict {
  const from = auth.fromDomain;
  const aligned = (check: DomainCheck) =>
    check.result === 'pass' && from !== null && check.domain !== null
      ? alignedDomains(check.domain, from)
      : false;
  const alignedDkimPass = auth.dkim.some(aligned);
  const dmarcPass =
    auth.dmarc.result === 'pass' && (auth.dmarc.domain === null || aligned(auth.dmarc));
  const verified = dmarcPass || aligned(auth.spf) || alignedDkimPass;
  const summary = summariseChecks(auth);

  if (auth.dmarc.result === 'fail') {
    return failed(`the sender's domain says this mail is not from it (DMARC fail; ${summary})`);
  }
  if (auth.spf.result === 'fail' && !alignedDkimPass) {
    return failed(
      `the sending server is not allowed to send for the sender's domain (SPF fail, no valid DKIM signature of that domain; ${summary})`,
    );
  }
  if (verified) {
    return {
      status: 'verified',
      allowed: true,
      verified: true,
      reason: `sender verified (${summary})`,
    };
  }
  const cause = unverifiedCause(auth);
  const why = UNVERIFIED_REASONS[cause](from);
  if (mode === 'strict') {
    return {
      status: 'unverified',
      allowed: false,
      verified: false,
      cause,
      why,
      reason: `this service requires mail that passes SPF, DKIM or DMARC for the sender's own domain, and this did not: ${why} (${summary})`,
    };
  }
  return {
    status: 'unverified',
    allowed: true,
    verified: false,
    cause,
    why,
    reason: `sender not verified: ${why} (${summary})`,
  };
}

function failed(reason: string): SenderVerdict {
  return { status: 'failed', allowed: false, verified: false, reason };
}

function unverifiedCause(auth: SenderAuthentication): UnverifiedCause {
  if (auth.source === 'none') return 'no-trusted-results';
  const all = [auth.spf, auth.dmarc, ...auth.dkim];
  if (all.some((check) => check.result === 'temperror')) return 'lookup-failed';
  if (all.some((check) => check.result === 'pass')) return 'not-aligned';
  return 'nothing-published';
}

const UNVERIFIED_REASONS: Record<UnverifiedCause, (from: string | null) => string> = {
  'lookup-failed': () =>
    'the check could not be made (the DNS lookups for the sender’s domain did not answer)',
  'not-aligned': (from) =>
    `the checks that passed were for another domain, not the sender's own${from ? ` (${from})` : ''}`,
  'nothing-published': (from) =>
    `the sender's domain${from ? ` (${from})` : ''} publishes no SPF, DKIM or DMARC to check against`,
  'no-trusted-results': () =>
    'the receiving mail server recorded no sender checks for this message',
};
