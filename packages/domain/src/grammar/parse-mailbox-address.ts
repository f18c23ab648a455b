import { EMAIL_ADDRESS, MAX_ADDRESS, MAX_LOCAL_PART, type Person } from './person.schema';
import { addressKey, withLowerCaseDomain } from './address-key';

/** `"Smith, Jane"`, with `\"` and `\\` escapes. */
const QUOTED_NAME = /^"((?:[^"\\]|\\.)*)"$/;
/**
 * An unquoted display name: anything but the characters that separate or delimit
 * addresses, so that a list (`a@x.org, b@y.org`) or a stray `@` is refused rather than
 * read as one person. Commas are allowed between words: Outlook shows and copies
 * `Reed, Dan <dan.reed@example.org>` unquoted, and with one address in brackets and no
 * `@` in the name it can only be one person.
 */
const PLAIN_NAME = /^[^"<>@,;:\\()[\]\p{Cc}]+(?:,[^"<>@,;:\\()[\]\p{Cc}]+)*$/u;
/** An address and a generous name; longer is not one person, and stops slow matching. */
const MAX_INPUT = 400;
const NAME_AND_ADDRESS = /^(.*?)\s*<\s*(?:mailto:)?([^<>\s]*)\s*>$/i;

/**
 * One person from `Jane Smith <jane@example.org>`, `<jane@example.org>`,
 * `"Smith, Jane" <jane@example.org>`, Outlook's unquoted `Smith, Jane <jane@example.org>`
 * or a bare `jane@example.org`; null for anything else,
 * including lists of addresses. The domain is lower-cased; the name has its spaces tidied
 * and is left out when empty or when it only repeats the address (Outlook writes
 * `'jane@example.org' <jane@example.org>`).
 */
export function parseMailboxAddress(text: string): Person | null {
  const input = text.replace(/[\u00A0\u202F\u2007]/g, ' ').trim();
  if (input.length > MAX_INPUT) return null;
  const bare = normaliseAddress(input);
  if (bare) return { email: bare };

  const match = NAME_AND_ADDRESS.exec(input);
  if (!match) return null;
  const email = normaliseAddress(match[2] ?? '');
  const name = displayName((match[1] ?? '').trim());
  if (!email || name === null) return null;
  return name === '' || addressKey(name) === addressKey(email) ? { email } : { name, email };
}

function normaliseAddress(candidate: string): string | null {
  const at = candidate.lastIndexOf('@');
  if (!EMAIL_ADDRESS.test(candidate) || at > MAX_LOCAL_PART || candidate.length > MAX_ADDRESS) {
    return null;
  }
  return withLowerCaseDomain(candidate);
}

/** The name with its spaces tidied, '' for none, null when it cannot be a display name. */
function displayName(raw: string): string | null {
  const quoted = QUOTED_NAME.exec(raw);
  if (quoted) return tidy((quoted[1] ?? '').replace(/\\(.)/g, '$1'));
  const singleQuoted = /^'([^']*)'$/.exec(raw);
  if (singleQuoted) return tidy(singleQuoted[1] ?? '');
  if (raw === '') return '';
  return PLAIN_NAME.test(raw) ? tidy(raw) : null;
}

function tidy(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}
