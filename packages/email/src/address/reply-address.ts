import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signed reply address of a case, `<policy>+<ref>.<token>@<domain>` (CONTRACT.md): the
 * Reply-To of everything the service sends. The token is an HMAC of the policy and reference
 * under the deployment's secret, so nobody can aim a command at a case by guessing its
 * reference. Mail servers may change the case of a local part, so the token is lower-case
 * base32 and the reference is compared without case.
 */

const TOKEN_LENGTH = 16;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export interface ReplyAddressTarget {
  policyId: string;
  ref: string;
}

function tokenFor(secret: string, target: ReplyAddressTarget): string {
  const digest = createHmac('sha256', secret)
    .update(`${target.policyId}:${target.ref.toUpperCase()}`)
    .digest();
  let bits = 0;
  let value = 0;
  let token = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && token.length < TOKEN_LENGTH) {
      token += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return token;
}

export function signReplyAddress(
  secret: string,
  domain: string,
  target: ReplyAddressTarget,
): string {
  return `${target.policyId}+${target.ref.toLowerCase()}.${tokenFor(secret, target)}@${domain.toLowerCase()}`;
}

/**
 * The case an address names, when it is one of ours and its token is right; null for any
 * other address (a policy mailbox, a stranger, a forged token).
 */
export function verifyReplyAddress(
  secret: string,
  domain: string,
  address: string,
): ReplyAddressTarget | null {
  const match = /^([a-z0-9-]+)\+([a-z0-9-]+)\.([a-z2-7]+)@(.+)$/i.exec(address.trim());
  if (!match) return null;
  const [, policyId, ref, token, host] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (host.toLowerCase() !== domain.toLowerCase()) return null;
  const target = { policyId: policyId.toLowerCase(), ref: ref.toUpperCase() };
  const expected = Buffer.from(tokenFor(secret, target));
  const given = Buffer.from(token.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given) ? target : null;
}
