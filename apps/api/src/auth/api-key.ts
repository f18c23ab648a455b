import { createHash, randomBytes } from 'node:crypto';

/** `esk_` and 256 random bits: unguessable, so a plain SHA-256 is the right thing to store. */
export function generateApiKey(): string {
  return `esk_${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The part of a key shown in listings, so a person can tell keys apart. */
export function prefixOf(key: string): string {
  return key.slice(0, 12);
}
