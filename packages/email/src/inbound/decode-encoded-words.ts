import { decodeBytes } from './decode-bytes';

// charset (with an optional RFC 2231 language), B or Q, the encoded text
const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;

/**
 * Decodes RFC 2047 encoded words in an unstructured header value such as Subject. Adjacent
 * words are joined before decoding, since senders split one character's bytes across two
 * words, and the white space between them is not part of the text. A word that does not
 * decode is left as it was. Never throws.
 */
export function decodeEncodedWords(value: string): string {
  let output = '';
  let position = 0;
  let pending: { charset: string; bytes: Buffer[] } | null = null;

  const flush = (): void => {
    if (!pending) return;
    output += decodeBytes(Buffer.concat(pending.bytes), pending.charset).text;
    pending = null;
  };

  for (const match of value.matchAll(ENCODED_WORD)) {
    const [word, charset = '', encoding = '', text = ''] = match;
    const between = value.slice(position, match.index);
    const adjacent = pending !== null && /^[ \t\r\n]*$/.test(between);
    if (!adjacent) {
      flush();
      output += between;
    }
    position = match.index + word.length;

    const bytes = encoding.toUpperCase() === 'B' ? fromBase64(text) : fromQuotedPrintable(text);
    if (bytes === null) {
      flush();
      output += word;
      continue;
    }
    const current: { charset: string; bytes: Buffer[] } | null = pending;
    if (current && current.charset.toLowerCase() === charset.toLowerCase()) {
      current.bytes.push(bytes);
    } else {
      flush();
      pending = { charset, bytes: [bytes] };
    }
  }
  flush();
  return output + value.slice(position);
}

function fromBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  return Buffer.from(text, 'base64');
}

function fromQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    const hex = text.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (char === '_') {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(char, 'latin1'));
    }
  }
  return Buffer.from(bytes);
}
