import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The one-time address a participant replies to when confirming a held command:
 * `<policy>+confirm.<token>.<signature>@<domain>`. The token is random (80 bits) and names
 * the held command; the signature, an HMAC under the deployment's secret, means nobody can
 * make one up. It goes only to the participant's own address, so a spoofer never sees it.
 * Lower-case base32 throughout: mail servers may change the case of a local part.
 */

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const TOKEN_BYTES = 10;
const SIGNATURE_LENGTH = 16;

export interface ConfirmationTarget {
  policyId: string;
  token: string;
}

function base32(bytes: Buffer, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** A fresh random token for a held command. */
export function newConfirmationToken(): string {
  return base32(randomBytes(TOKEN_BYTES), 16);
}

function signatureFor(secret: string, target: ConfirmationTarget): string {
  const digest = createHmac('sha256', secret)
    .update(`confirm:${target.policyId}:${target.token.toLowerCase()}`)
    .digest();
  return base32(digest, SIGNATURE_LENGTH);
}

export function signConfirmationAddress(
  secret: string,
  domain: string,
  target: ConfirmationTarget,
): string {
  return `${target.policyId}+confirm.${target.token.toLowerCase()}.${signatureFor(secret, target)}@${domain.toLowerCase()}`;
}

/** The held command an address names, when it is one of ours and signed; null otherwise. */
export function verifyConfirmationAddress(
  secret: string,
  domain: string,
  address: string,
): ConfirmationTarget | null {
  const match = /^([a-z0-9-]{1,64})\+confirm\.([a-z2-7]{16})\.([a-z2-7]{16})@([^@]{1,253})$/i.exec(
    address.trim(),
  );
  if (!match) return null;
  const [, policyId, token, signature, host] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (host.toLowerCase() !== domain.toLowerCase()) return null;
  const target = { policyId: policyId.toLowerCase(), token: token.toLowerCase() };
  const expected = Buffer.from(signatureFor(secret, target));
  const given = Buffer.from(signature.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given) ? target : null;
}
