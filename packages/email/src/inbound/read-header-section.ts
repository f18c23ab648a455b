/** One header field as it stood, unfolded; `value` holds the raw bytes as latin1 characters. */
export interface RawHeaderField {
  /** lower case */
  name: string;
  value: string;
}

export interface HeaderSection {
  fields: RawHeaderField[];
  /** where the body starts in the raw message */
  bodyOffset: number;
  problems: string[];
}

/** Larger than any honest header section; mailparser refuses a larger one too. */
export const MAX_HEADER_SECTION_BYTES = 1024 * 1024;
const MAX_FIELDS = 5000;

const FIELD = /^([!-9;-~]+)[ \t]*:(.*)$/s;

/**
 * The top-level header section of a raw message, read without any MIME library so that the
 * headers we classify and thread on are the same whether or not the body can be parsed.
 * Bytes are kept as they came (latin1 characters): decoding is the reader's choice, per
 * header. Never throws.
 */
export function readHeaderSection(raw: Buffer): HeaderSection {
  const problems: string[] = [];
  const window = raw.subarray(0, MAX_HEADER_SECTION_BYTES).toString('latin1');

  let end = window.search(/\r?\n\r?\n/);
  let bodyOffset: number;
  if (window.startsWith('\r\n') || window.startsWith('\n')) {
    end = 0;
    bodyOffset = window.startsWith('\r\n') ? 2 : 1;
    problems.push('no header section: the message starts with a blank line');
  } else if (end === -1) {
    if (raw.length > MAX_HEADER_SECTION_BYTES) {
      end = window.length;
      bodyOffset = window.length;
      problems.push(
        `header section longer than ${MAX_HEADER_SECTION_BYTES} bytes; the rest was read as body`,
      );
    } else {
      end = window.length;
      bodyOffset = raw.length;
    }
  } else {
    const blank = /^\r?\n\r?\n/.exec(window.slice(end));
    bodyOffset = end + (blank?.[0].length ?? 2);
  }

  const lines = window.slice(0, end).split(/\r?\n/);
  if (lines[0]?.startsWith('From ')) {
    // An mbox separator left in front of the message by whatever exported it.
    lines.shift();
    problems.push('an mbox "From " line precedes the headers');
  }

  const fields: RawHeaderField[] = [];
  let ignored = 0;
  for (const line of lines) {
    if (line === '') continue;
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line)) {
      if (last) last.value += line;
      else ignored += 1;
      continue;
    }
    const match = FIELD.exec(line);
    if (!match) {
      ignored += 1;
      continue;
    }
    if (fields.length >= MAX_FIELDS) {
      problems.push(`more than ${MAX_FIELDS} header fields; the rest were ignored`);
      break;
    }
    fields.push({ name: match[1]!.toLowerCase(), value: match[2]! });
  }
  for (const field of fields) field.value = field.value.trim();
  if (ignored > 0) {
    problems.push(`${ignored} line(s) in the header section are not header fields; ignored`);
  }
  return { fields, bodyOffset, problems };
}
