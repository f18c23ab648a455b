import { alignedDomains, organisationalDomain } from './domain-alignment';
import { oneAuthorProblem } from './one-author';
import { parseAuthenticationResults } from './parse-authentication-results';
import {
  senderVerdict,
  type CheckResult,
  type DomainCheck,
  type SenderAuthentication,
} from './sender-verdict';

const FROM = 'school.example.org';
const ATTACKER = 'attacker.example';

const check = (result: CheckResult, domain: string | null = FROM): DomainCheck => ({
  result,
  domain,
});
const auth = (
  spf: DomainCheck,
  dkim: DomainCheck[],
  dmarc: DomainCheck,
  fromDomain: string | null = FROM,
): SenderAuthentication => ({ fromDomain, spf, dkim, dmarc, source: 'mailauth' });

describe('sender verdict: a pass counts only when aligned with From (RFC 7489 section 3.1)', () => {
  it.each([
    ['DMARC pass', auth(check('pass'), [check('pass')], check('pass')), 'relaxed', 'verified'],
    ['aligned SPF pass', auth(check('pass'), [], check('none')), 'relaxed', 'verified'],
    [
      'aligned SPF pass from a subdomain (relaxed: same organisational domain)',
      auth(check('pass', `bounces.${FROM}`), [], check('none')),
      'relaxed',
      'verified',
    ],
    [
      'aligned DKIM pass',
      auth(check('none', null), [check('pass')], check('none')),
      'relaxed',
      'verified',
    ],
    [
      "the attacker's own SPF pass",
      auth(check('pass', ATTACKER), [], check('none')),
      'relaxed',
      'unverified',
    ],
    [
      'a DKIM signature of attacker.example',
      auth(check('none', null), [check('pass', ATTACKER)], check('none')),
      'relaxed',
      'unverified',
    ],
    [
      "strict: the attacker's own SPF pass",
      auth(check('pass', ATTACKER), [], check('none')),
      'strict',
      'refused',
    ],
    [
      'strict: a DKIM signature of attacker.example',
      auth(check('none', null), [check('pass', ATTACKER)], check('none')),
      'strict',
      'refused',
    ],
    [
      'DMARC pass reported for another domain',
      auth(check('none', null), [], check('pass', ATTACKER)),
      'relaxed',
      'unverified',
    ],
    ['DMARC fail, even with SPF pass', auth(check('pass'), [], check('fail')), 'relaxed', 'failed'],
    ['SPF fail, no DKIM', auth(check('fail'), [], check('none')), 'relaxed', 'failed'],
    [
      'SPF fail rescued by an aligned DKIM pass',
      auth(check('fail'), [check('pass')], check('none')),
      'relaxed',
      'verified',
    ],
    [
      "SPF fail not rescued by the attacker's DKIM pass",
      auth(check('fail'), [check('pass', ATTACKER)], check('none')),
      'relaxed',
      'failed',
    ],
    [
      'a domain that publishes nothing',
      auth(check('none'), [], check('none')),
      'relaxed',
      'unverified',
    ],
    [
      'a lookup that could not be made',
      auth(check('temperror'), [], check('temperror')),
      'relaxed',
      'unverified',
    ],
    ['SPF softfail only', auth(check('softfail'), [], check('none')), 'relaxed', 'unverified'],
    [
      'strict: a domain that publishes nothing',
      auth(check('none'), [], check('none')),
      'strict',
      'refused',
    ],
    ['strict: aligned SPF pass', auth(check('pass'), [], check('none')), 'strict', 'verified'],
  ] as const)('%s: %s', (_, authentication, mode, expected) => {
    const verdict = senderVerdict(authentication, mode);
    const outcome =
      verdict.status === 'unverified' && !verdict.allowed ? 'refused' : verdict.status;
    expect(outcome).toBe(expected);
    expect(verdict.verified).toBe(expected === 'verified');
    expect(verdict.allowed).toBe(expected === 'verified' || expected === 'unverified');
  });

  it.each([
    [auth(check('none'), [], check('none')), 'nothing-published', /publishes no SPF/],
    [auth(check('temperror'), [], check('none')), 'lookup-failed', /could not be made/],
    [auth(check('pass', ATTACKER), [], check('none')), 'not-aligned', /another domain/],
    [
      { ...auth(check('none'), [], check('none')), source: 'none' as const },
      'no-trusted-results',
      /recorded no sender checks/,
    ],
  ])('says why a sender is not verified: %#', (authentication, cause, words) => {
    const verdict = senderVerdict(authentication, 'relaxed');
    expect(verdict.cause).toBe(cause);
    expect(verdict.why).toMatch(words);
    expect(verdict.reason).toMatch(words);
  });

  it('says "publishes nothing" only when a lookup answered that', () => {
    const unreachable = senderVerdict(auth(check('temperror'), [], check('temperror')), 'relaxed');
    expect(unreachable.reason).not.toMatch(/publishes/);
  });

  it('says why in words', () => {
    expect(senderVerdict(auth(check('pass'), [], check('fail')), 'relaxed').reason).toMatch(
      /DMARC fail/,
    );
  });
});

describe('organisational domains', () => {
  it.each([
    ['mail.riverside-school.org.uk', 'riverside-school.org.uk'],
    ['mail.school.example.org', 'example.org'],
    ['nhs.net', 'nhs.net'],
    ['mail.council.gov.uk', 'council.gov.uk'],
    ['x.y.gov.uk', 'y.gov.uk'],
    ['Mail.Riverside-School.ORG.UK.', 'riverside-school.org.uk'],
  ])('%s belongs to %s', (host, organisation) => {
    expect(organisationalDomain(host)).toBe(organisation);
  });

  it('two councils under gov.uk are not aligned', () => {
    expect(alignedDomains('kirklees.gov.uk', 'nelincs.gov.uk')).toBe(false);
    expect(alignedDomains('mail.kirklees.gov.uk', 'kirklees.gov.uk')).toBe(true);
  });
});

describe('one author', () => {
  it.each([
    [0, false],
    [1, false],
    [2, true],
    [7, true],
  ])('%i From addresses: refused %s', (authors, refused) => {
    expect(oneAuthorProblem(authors) !== null).toBe(refused);
  });
});

describe('Authentication-Results of our own receiving server (RFC 8601 section 5)', () => {
  const TRUSTED = 'mx.partnership.example.org';

  it('reads SPF, DKIM and DMARC with their domains from the trusted header', () => {
    const headers = [
      `${TRUSTED}; spf=pass smtp.mailfrom=dsl@school.example.org;\r\n dkim=pass header.d=school.example.org; dmarc=pass (p=reject) header.from=school.example.org`,
    ];
    expect(parseAuthenticationResults(headers, TRUSTED, FROM)).toEqual({
      fromDomain: FROM,
      spf: { result: 'pass', domain: FROM },
      dkim: [{ result: 'pass', domain: FROM }],
      dmarc: { result: 'pass', domain: FROM },
      source: 'authentication-results',
    });
  });

  it('counts only the topmost header with our authserv-id: a second one was written by the sender', () => {
    const headers = [
      `${TRUSTED}; spf=none smtp.mailfrom=school.example.org; dkim=none; dmarc=none header.from=school.example.org`,
      `${TRUSTED}; spf=pass smtp.mailfrom=school.example.org; dkim=pass header.d=school.example.org; dmarc=pass header.from=school.example.org`,
    ];
    const parsed = parseAuthenticationResults(headers, TRUSTED, FROM);
    expect(parsed.dmarc.result).toBe('none');
    expect(senderVerdict(parsed, 'relaxed').verified).toBe(false);
  });

  it('ignores headers of other servers above ours', () => {
    const headers = [
      'attacker.example.com; spf=pass; dkim=pass; dmarc=pass',
      `${TRUSTED}; spf=fail smtp.mailfrom=school.example.org; dmarc=fail header.from=school.example.org`,
    ];
    expect(
      senderVerdict(parseAuthenticationResults(headers, TRUSTED, FROM), 'relaxed').status,
    ).toBe('failed');
  });

  it('with no header from the trusted server: unverified, never "publishes nothing"', () => {
    const parsed = parseAuthenticationResults(['attacker.example.com; dmarc=pass'], TRUSTED, FROM);
    expect(parsed.source).toBe('none');
    const verdict = senderVerdict(parsed, 'relaxed');
    expect(verdict).toMatchObject({ status: 'unverified', cause: 'no-trusted-results' });
    expect(verdict.reason).not.toMatch(/publishes/);
  });

  it("takes the attacker's own passes as not aligned", () => {
    const parsed = parseAuthenticationResults(
      [
        `${TRUSTED}; spf=pass smtp.mailfrom=x@attacker.example; dkim=pass header.d=attacker.example`,
      ],
      TRUSTED,
      FROM,
    );
    expect(senderVerdict(parsed, 'relaxed')).toMatchObject({
      status: 'unverified',
      cause: 'not-aligned',
    });
  });

  it('reads only so far into an enormous header', () => {
    const padding = ' x=y;'.repeat(100_000);
    const parsed = parseAuthenticationResults(
      [`${TRUSTED};${padding} dmarc=pass header.from=school.example.org`],
      TRUSTED,
      FROM,
    );
    expect(parsed.dmarc.result).toBe('none');
  });
});
