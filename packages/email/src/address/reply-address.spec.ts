import fc from 'fast-check';
import { signReplyAddress, verifyReplyAddress } from './reply-address';

const SECRET = 'a deployment secret of some length';
const DOMAIN = 'escalations.localhost';

describe('signed reply addresses', () => {
  it('names the policy and case, and verifies back to them', () => {
    const address = signReplyAddress(SECRET, DOMAIN, { policyId: 'nel', ref: 'NEL-2026-0007' });
    expect(address).toMatch(/^nel\+nel-2026-0007\.[a-z2-7]{16}@escalations\.localhost$/);
    expect(verifyReplyAddress(SECRET, DOMAIN, address)).toEqual({
      policyId: 'nel',
      ref: 'NEL-2026-0007',
    });
  });

  it('survives a mail server changing the case of the address', () => {
    const address = signReplyAddress(SECRET, DOMAIN, {
      policyId: 'south-glos',
      ref: 'SGSAB-2026-0012',
    });
    expect(verifyReplyAddress(SECRET, DOMAIN, address.toUpperCase())).toEqual({
      policyId: 'south-glos',
      ref: 'SGSAB-2026-0012',
    });
  });

  it.each([
    ['another case with the same token', (a: string) => a.replace('0007', '0008')],
    ['another policy', (a: string) => a.replace(/^nel\+/, 'kirklees+')],
    [
      'a token one letter off',
      (a: string) => a.replace(/\.([a-z2-7])/, (_, c: string) => `.${c === 'a' ? 'b' : 'a'}`),
    ],
    ['a shortened token', (a: string) => a.replace(/[a-z2-7]@/, '@')],
    ['another domain', (a: string) => a.replace(DOMAIN, 'example.org')],
    ['the plain policy mailbox', () => `nel@${DOMAIN}`],
  ])('refuses %s', (_, change) => {
    const address = signReplyAddress(SECRET, DOMAIN, { policyId: 'nel', ref: 'NEL-2026-0007' });
    expect(verifyReplyAddress(SECRET, DOMAIN, change(address))).toBeNull();
  });

  it('refuses an address signed under another secret', () => {
    const address = signReplyAddress('another secret entirely', DOMAIN, {
      policyId: 'nel',
      ref: 'NEL-2026-0007',
    });
    expect(verifyReplyAddress(SECRET, DOMAIN, address)).toBeNull();
  });

  it('round-trips any policy and reference', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('islands', 'nel', 'south-glos', 'kirklees', 'chew-stoke'),
        fc.stringMatching(/^[A-Z]{2,5}-20[0-9]{2}-[0-9]{4}$/),
        (policyId, ref) => {
          expect(
            verifyReplyAddress(SECRET, DOMAIN, signReplyAddress(SECRET, DOMAIN, { policyId, ref })),
          ).toEqual({ policyId, ref });
        },
      ),
    );
  });
});
