import { parseAuthenticationResults } from './parse-authentication-results';
import { senderVerdict, type SenderAuthentication } from './sender-verdict';

const auth = (
  spf: SenderAuthentication['spf'],
  dkim: SenderAuthentication['dkim'],
  dmarc: SenderAuthentication['dmarc'],
): SenderAuthentication => ({ spf, dkim, dmarc, source: 'mailauth' });

describe('sender verdict (CONTRACT: "DMARC fail, or SPF fail with no passing DKIM signature")', () => {
  it.each([
    ['DMARC pass', auth('pass', ['pass'], 'pass'), 'relaxed', true, true],
    ['DMARC fail, even with SPF pass', auth('pass', [], 'fail'), 'relaxed', false, false],
    ['SPF fail, no DKIM', auth('fail', [], 'none'), 'relaxed', false, false],
    [
      'SPF fail rescued by a passing DKIM signature',
      auth('fail', ['pass'], 'none'),
      'relaxed',
      true,
      true,
    ],
    [
      'SPF fail and a failing DKIM signature',
      auth('fail', ['fail'], 'none'),
      'relaxed',
      false,
      false,
    ],
    ['a domain that publishes nothing', auth('none', [], 'none'), 'relaxed', true, false],
    ['a lookup that could not be made', auth('temperror', [], 'temperror'), 'relaxed', true, false],
    ['SPF softfail only', auth('softfail', [], 'none'), 'relaxed', true, false],
    ['strict: a domain that publishes nothing', auth('none', [], 'none'), 'strict', false, false],
    ['strict: SPF pass', auth('pass', [], 'none'), 'strict', true, true],
  ] as const)('%s', (_, authentication, mode, allowed, verified) => {
    expect(senderVerdict(authentication, mode)).toMatchObject({ allowed, verified });
  });

  it('says why in words', () => {
    expect(senderVerdict(auth('pass', [], 'fail'), 'relaxed').reason).toMatch(/DMARC fail/);
  });
});

describe('Authentication-Results of our own receiving server', () => {
  it('reads SPF, DKIM and DMARC from the trusted header only', () => {
    const headers = [
      'mx.partnership.example.org; spf=pass smtp.mailfrom=school.example.org;\r\n dkim=pass header.d=school.example.org; dmarc=pass header.from=school.example.org',
      'attacker.example.com; spf=pass; dkim=pass; dmarc=pass',
    ];
    expect(parseAuthenticationResults(headers, 'mx.partnership.example.org')).toEqual({
      spf: 'pass',
      dkim: ['pass'],
      dmarc: 'pass',
      source: 'authentication-results',
    });
  });

  it('trusts nothing when only a forged header is there', () => {
    expect(
      parseAuthenticationResults(
        ['attacker.example.com; dmarc=pass'],
        'mx.partnership.example.org',
      ),
    ).toEqual({ spf: 'none', dkim: [], dmarc: 'none', source: 'none' });
  });

  it('reads a DMARC failure', () => {
    const parsed = parseAuthenticationResults(
      [
        'mx.partnership.example.org; spf=fail smtp.mailfrom=x.org; dkim=none; dmarc=fail (p=reject) header.from=x.org',
      ],
      'mx.partnership.example.org',
    );
    expect(senderVerdict(parsed, 'relaxed').allowed).toBe(false);
  });
});
