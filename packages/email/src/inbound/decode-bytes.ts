import { TextDecoder } from 'node:util';

/** Text decoded from bytes, and what was odd about it (null when nothing was). */
export interface DecodedBytes {
  text: string;
  problem: string | null;
}

// Labels mail software writes that the WHATWG encoding registry (what TextDecoder knows)
// spells differently. ks_c_5601-1987 is already a WHATWG label; mailparser turns it into
// CP949 before asking for a decoder.
const LABEL_ALIASES: Readonly<Record<string, string>> = {
  cp949: 'euc-kr',
  ms949: 'euc-kr',
  uhc: 'euc-kr',
  cp932: 'shift_jis',
  ms932: 'shift_jis',
  'windows-31j': 'shift_jis',
  cp936: 'gbk',
  ms936: 'gbk',
  cp1252: 'windows-1252',
  cp1251: 'windows-1251',
  cp1250: 'windows-1250',
};

// Decoders whose every byte sequence is valid, so a wrong label never shows as an error.
const MULTI_BYTE = new Set([
  'utf-8',
  'utf-16le',
  'utf-16be',
  'big5',
  'euc-jp',
  'iso-2022-jp',
  'shift_jis',
  'euc-kr',
  'gbk',
  'gb18030',
]);

const HIGH_BYTE = /[\x80-\xff]/;

/**
 * Decodes mail text bytes under the charset they claim, and does not believe the claim when
 * the bytes say otherwise: a declared charset that cannot decode them, or a single-byte
 * charset on bytes that form valid multi-byte UTF-8 (a sequence legacy text practically
 * never makes by chance), is read as UTF-8 instead. With no usable label, UTF-8 is tried
 * first and Windows-1252 (the superset of Latin-1 that Outlook writes) is the fallback.
 * Never throws; anything it had to guess is described in `problem`.
 */
export function decodeBytes(bytes: Uint8Array, label?: string | null): DecodedBytes {
  const declared = (label ?? '').trim().replace(/^["']|["']$/g, '');
  const decoder = declared === '' ? null : textDecoderFor(declared);
  const isAscii = !HIGH_BYTE.test(Buffer.from(bytes).toString('latin1'));

  if (declared !== '' && decoder === null) {
    const guess = decodeUnlabelled(bytes);
    return {
      text: guess.text,
      problem: `unknown charset ${JSON.stringify(declared)}; decoded as ${guess.charset}`,
    };
  }
  if (decoder === null) {
    if (isAscii) return { text: Buffer.from(bytes).toString('latin1'), problem: null };
    const guess = decodeUnlabelled(bytes);
    return {
      text: guess.text,
      problem:
        guess.charset === 'UTF-8'
          ? null
          : `8-bit text without a charset is not UTF-8; decoded as ${guess.charset}`,
    };
  }

  const encoding = decoder.encoding;
  const utf8 = strictUtf8(bytes);
  if (!MULTI_BYTE.has(encoding) && !isAscii && utf8 !== null) {
    return {
      text: utf8,
      problem: `text declared as ${JSON.stringify(declared)} is UTF-8; decoded as UTF-8`,
    };
  }
  try {
    return { text: decoder.decode(bytes), problem: null };
  } catch {
    if (utf8 !== null) {
      return {
        text: utf8,
        problem: `text declared as ${JSON.stringify(declared)} is not valid in it but is UTF-8; decoded as UTF-8`,
      };
    }
    return {
      text: new TextDecoder(encoding).decode(bytes),
      problem: `text declared as ${JSON.stringify(declared)} has bytes invalid in it; they were replaced`,
    };
  }
}

/** A fatal TextDecoder for a charset label, or null when the label is unknown or refused. */
function textDecoderFor(label: string): TextDecoder | null {
  const lower = label.toLowerCase();
  const name = LABEL_ALIASES[lower] ?? lower;
  // UTF-7 can smuggle markup past filters (+ADw-script+AD4-); mailparser refuses it too.
  if (/utf-?7/.test(name)) return null;
  try {
    return new TextDecoder(name, { fatal: true });
  } catch {
    return null;
  }
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * UTF-8 when the bytes are UTF-8, or mostly so (one stray byte in otherwise good UTF-8 is
 * damage, not another charset); Windows-1252 otherwise.
 */
function decodeUnlabelled(bytes: Uint8Array): { text: string; charset: string } {
  const strict = strictUtf8(bytes);
  if (strict !== null) return { text: strict, charset: 'UTF-8' };
  const lossy = new TextDecoder('utf-8').decode(bytes);
  let replaced = 0;
  let decoded = 0;
  for (const char of lossy) {
    if (char === '\uFFFD') replaced += 1;
    else if (char.codePointAt(0)! > 0x7f) decoded += 1;
  }
  if (decoded > replaced) {
    return { text: lossy, charset: 'UTF-8 (invalid bytes replaced)' };
  }
  return { text: new TextDecoder('windows-1252').decode(bytes), charset: 'Windows-1252' };
}
