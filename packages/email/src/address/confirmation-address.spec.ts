import { verifyReplyAddress } from './reply-address';
import {
  newConfirmationToken,
  signConfirmationAddress,
  verifyConfirmationAddress,
} from './confirmation-address';

const SECRET = 'a-deployment-secret-of-enough-length';
const DOMAIN = 'escalations.example.gov.uk';

describe('the one-time confirmation address', () => {
  const token = newConfirmationToken();
  const address = signConfirmationAddress(SECRET, DOMAIN, { policyId: 'south-glos', token });

  it('names its held command when signed by us', () => {
    expect(verifyConfirmationAddress(SECRET, DOMAIN, address)).toEqual({
      policyId: 'south-glos',
      token,
    });
    expect(verifyConfirmationAddress(SECRET, DOMAIN, address.toUpperCase())).toEqual({
      policyId: 'south-glos',
      token,
    });
  });

  it('fits in a local part (RFC 5321: 64 octets) for the longest policy id here', () => {
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
  });

  it('is random each time', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newConfirmationToken()));
    expect(tokens.size).toBe(200);
    for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{16}$/);
  });

  it.each([
    [
      'another secret',
      signConfirmationAddress('another-secret', DOMAIN, { policyId: 'south-glos', token }),
    ],
    ['another domain', address.replace(DOMAIN, 'attacker.example')],
    ['another policy', address.replace('south-glos+', 'nel+')],
    ['a changed token', address.replace(`.${token}.`, `.${newConfirmationToken()}.`)],
    ['a policy mailbox', `south-glos@${DOMAIN}`],
  ])('refuses %s', (_, forged) => {
    expect(verifyConfirmationAddress(SECRET, DOMAIN, forged)).toBeNull();
  });

  it('is never taken for a case reply address', () => {
    expect(verifyReplyAddress(SECRET, DOMAIN, address)).toBeNull();
  });
});
