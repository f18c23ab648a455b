import { createHash } from 'node:crypto';
import {
  parseAddressHeader,
  simpleParser,
  type Attachment,
  type EmailAddress as ParsedAddress,
} from 'mailparser';
import { convertHtmlToText } from './convert-html-to-text';
import { createCharsetDecoder } from './create-charset-decoder';
import { decodeBytes } from './decode-bytes';
import { decodeEncodedWords } from './decode-encoded-words';
import { headerValueForParsing, MAX_PARSED_HEADER_VALUE } from './header-bound';
import {
  INBOUND_HEADER_NAMES,
  type InboundAddress,
  type InboundAttachment,
  type InboundEmail,
  type InboundHeaderName,
} from './inbound-email.schema';
import { readHeaderSection, type RawHeaderField } from './read-header-section';
import { sanitizeFilename } from './sanitize-filename';
import { withLowerCaseDomain } from '@escalations/domain';

const MAX_MESSAGE_ID_LENGTH = 998;
/**
 * The most of a message's text the processor reads: far more than any form or reply, and a
 * bound on what every later step (reply extraction, the grammar, the answer) holds. A body
 * of 25 MB read whole took over 700 MB of heap; the message is stored whole regardless.
 */
export const MAX_TEXT_CHARACTERS = 1_000_000;
/** The most of an HTML body converted to text when the message has no plain text. */
const MAX_HTML_CHARACTERS = 2 * MAX_TEXT_CHARACTERS;

type Body = Pick<InboundEmail, 'text' | 'textSource' | 'attachments'>;

/**
 * Reads a raw message as received into the fields the processor works with. It never
 * throws and never gives up: whatever cannot be read is left empty or null and said in
 * `problems`, so the message is still recorded, and a broken body still leaves the
 * headers to thread and classify on.
 *
 * The top-level headers are read here, byte for byte, rather than taken from mailparser:
 * mailparser puts today's date on an unreadable Date, mends raw 8-bit headers as UTF-8
 * only, and stops altogether on a header section it finds too large. The body (text,
 * HTML, attachments) is mailparser's, with a charset decoder that reports the charsets it
 * had to second-guess.
 */
export async function parseInboundEmail(raw: Buffer): Promise<InboundEmail> {
  const problems: string[] = [];
  try {
    const bytes = toBuffer(raw, problems);
    const section = readHeaderSection(bytes);
    problems.push(...section.problems);
    const headers = new HeaderReader(section.fields, problems);
    // Two Content-Type headers let two readers see two different messages.
    headers.single('content-type', 'Content-Type');
    headers.single('content-transfer-encoding', 'Content-Transfer-Encoding');
    const body = await readBody(bytes, section.bodyOffset, headers, problems);
    return {
      messageId: headers.messageId(),
      from: headers.from(),
      authors: headers.authorCount,
      to: headers.addressList('to'),
      cc: headers.addressList('cc'),
      replyTo: headers.addressList('reply-to'),
      subject: headers.subject(),
      date: headers.date(),
      inReplyTo: headers.inReplyTo(),
      references: headers.references(),
      ...body,
      headers: headers.classificationHeaders(),
      problems: unique(problems),
    };
  } catch (error) {
    // Nothing above should throw; if something does, the message must still be recorded.
    problems.push(`the message could not be read: ${describeError(error)}`);
    return emptyEmail(unique(problems));
  }
}

function toBuffer(raw: unknown, problems: string[]): Buffer {
  if (Buffer.isBuffer(raw)) {
    if (raw.length === 0) problems.push('the message is empty');
    return raw;
  }
  if (raw instanceof Uint8Array) return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  problems.push('the message was not given as bytes');
  return Buffer.alloc(0);
}

async function readBody(
  raw: Buffer,
  bodyOffset: number,
  headers: HeaderReader,
  problems: string[],
): Promise<Body> {
  const rawBody = (): Body => {
    // four bytes a character at most: enough bytes for the characters read
    const decoded = decodeBytes(raw.subarray(bodyOffset, bodyOffset + 4 * MAX_TEXT_CHARACTERS));
    if (decoded.problem) problems.push(`body: ${decoded.problem}`);
    const text = readText(decoded.text, problems);
    return { text, textSource: text.trim() === '' ? 'none' : 'raw', attachments: [] };
  };

  let parsed;
  try {
    parsed = await simpleParser(raw, {
      // HTML is converted below, only when there is no plain text, so that the
      // conversion can mark Gmail's signature; textAsHtml and links are not wanted at all.
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      skipImageLinks: true,
      keepCidLinks: true,
      // Delivery reports stay separate parts, for the classifier to read.
      keepDeliveryStatus: true,
      checksumAlgo: false,
      Iconv: createCharsetDecoder((problem) => problems.push(`text part: ${problem}`)),
    });
  } catch (error) {
    problems.push(
      `the MIME structure could not be parsed (${describeError(error)}); text is the raw body`,
    );
    return rawBody();
  }

  for (const label of refusedCharsets(raw)) {
    problems.push(`text part: charset ${JSON.stringify(label)} is not decoded; read as UTF-8`);
  }
  const attachments = parsed.attachments.map((attachment, index) =>
    toAttachment(attachment, index + 1, problems),
  );

  let text = readText(parsed.text ?? '', problems);
  let textSource: InboundEmail['textSource'] = 'plain';
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  if (text.trim() === '' && html.trim() !== '') {
    const converted = await convertHtmlToText(
      readable(html, MAX_HTML_CHARACTERS, 'HTML', problems),
    );
    if (converted.problem) problems.push(converted.problem);
    text = readText(converted.text, problems);
    textSource = 'html';
  }
  if (text.trim() === '') {
    const isMultipart = /^\s*multipart\//i.test(headers.first('content-type') ?? '');
    const bodyHasText = /\S/.test(raw.subarray(bodyOffset, bodyOffset + 65536).toString('latin1'));
    if (isMultipart && attachments.length === 0) {
      if (!bodyHasText) {
        problems.push('multipart message with no parts');
        return { text: '', textSource: 'none', attachments };
      }
      // A multipart body none of whose parts could be found (a corrupt boundary): the raw
      // body is all the sender's words there are, and it is kept rather than lost.
      problems.push('no MIME part of the multipart body could be read; text is the raw body');
      return rawBody();
    }
    return { text: '', textSource: 'none', attachments };
  }
  if (text.includes('\uFFFD')) {
    problems.push('the text has characters that could not be decoded (shown as U+FFFD)');
  }
  return { text, textSource, attachments };
}

function toAttachment(
  attachment: Attachment,
  position: number,
  problems: string[],
): InboundAttachment {
  const content = Buffer.isBuffer(attachment.content) ? attachment.content : Buffer.alloc(0);
  const contentType = (attachment.contentType || 'application/octet-stream').toLowerCase();
  const filename = sanitizeFilename(attachment.filename, position, contentType);
  if (attachment.filename !== undefined && attachment.filename !== filename) {
    problems.push(
      `attachment ${position}: file name ${quoteUntrusted(attachment.filename)} was stored as ${quoteUntrusted(filename)}`,
    );
  }
  return {
    filename,
    contentType,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    partId: attachment.partId ?? null,
    content,
  };
}

/**
 * UTF-7 charset labels in the message: mailparser reads such parts as UTF-8 (UTF-7 can hide
 * markup from filters) without calling the charset decoder, so only this notices them.
 */
function refusedCharsets(raw: Buffer): string[] {
  const text = raw.subarray(0, 4 * 1024 * 1024).toString('latin1');
  const labels = new Set<string>();
  for (const match of text.matchAll(/charset\s*=\s*"?([A-Za-z0-9._:-]{1,40})/gi)) {
    const label = match[1] ?? '';
    if (/utf-?7/i.test(label)) labels.add(label);
  }
  return [...labels];
}

/** The top-level header fields, decoded one by one as each is asked for. */
class HeaderReader {
  /** addresses named by all the From headers together, once `from()` has read them */
  authorCount = 0;

  constructor(
    private readonly fields: readonly RawHeaderField[],
    private readonly problems: string[],
  ) {}

  /** Every value of a header, decoded from its bytes (not RFC 2047: see `subject`). */
  all(name: string): string[] {
    return this.fields.filter((field) => field.name === name).map((field) => this.decode(field));
  }

  first(name: string): string | undefined {
    return this.all(name)[0];
  }

  /** The first of a header that may appear once; a second one is worth knowing about. */
  single(name: string, label: string): string | undefined {
    const values = this.all(name);
    if (values.length > 1) {
      this.problems.push(`${values.length} ${label} headers; the first was used`);
    }
    return values[0];
  }

  messageId(): string | null {
    const value = this.single('message-id', 'Message-ID');
    if (value === undefined) {
      this.problems.push('no Message-ID header');
      return null;
    }
    const id = messageIds(value)[0] ?? null;
    if (id === null) this.problems.push(`Message-ID header has no id: ${quoteUntrusted(value)}`);
    return id;
  }

  inReplyTo(): string | null {
    const value = this.single('in-reply-to', 'In-Reply-To');
    return value === undefined ? null : (messageIds(value)[0] ?? null);
  }

  references(): string[] {
    return this.all('references').flatMap((value) => messageIds(value, true));
  }

  subject(): string {
    const value = this.single('subject', 'Subject');
    return value === undefined ? '' : cleanText(decodeEncodedWords(value), this.problems).trim();
  }

  date(): string | null {
    const value = this.single('date', 'Date');
    if (value === undefined) {
      this.problems.push('no Date header');
      return null;
    }
    const date = parseMailDate(value);
    if (date === null) {
      this.problems.push(`Date header could not be read: ${quoteUntrusted(value)}`);
    }
    return date;
  }

  from(): InboundAddress | null {
    const values = this.all('from');
    if (values.length === 0) {
      this.problems.push('no From header');
      return null;
    }
    if (values.length > 1) {
      this.problems.push(`${values.length} From headers; the first was used`);
    }
    const addresses = this.addresses(values.slice(0, 1), 'From');
    // Every address of every From header: more than one author may not act (one-author.ts).
    this.authorCount =
      addresses.length + (values.length > 1 ? this.addresses(values.slice(1), 'From').length : 0);
    if (addresses.length > 1) {
      this.problems.push(`From names ${addresses.length} addresses; the first was used`);
    }
    if (addresses.length === 0) {
      this.problems.push(`From header has no usable address: ${quoteUntrusted(values[0] ?? '')}`);
    }
    return addresses[0] ?? null;
  }

  addressList(name: 'to' | 'cc' | 'reply-to'): InboundAddress[] {
    const label = name === 'reply-to' ? 'Reply-To' : name === 'cc' ? 'Cc' : 'To';
    return this.addresses(this.all(name), label);
  }

  classificationHeaders(): Record<InboundHeaderName, string[]> {
    const result = {} as Record<InboundHeaderName, string[]>;
    for (const name of INBOUND_HEADER_NAMES) result[name] = this.all(name);
    return result;
  }

  private addresses(values: string[], label: string): InboundAddress[] {
    const result: InboundAddress[] = [];
    let unusable = 0;
    for (const value of values) {
      let parsed: ParsedAddress[];
      try {
        parsed = parseAddressHeader(value, { flatten: true }).value;
      } catch {
        parsed = [];
      }
      for (const entry of parsed) {
        const address = normaliseAddress(entry.address ?? '');
        if (address === null) {
          unusable += 1;
          continue;
        }
        const name = cleanText(entry.name ?? '', this.problems).trim();
        result.push({ address, name: name === '' ? null : name });
      }
    }
    if (unusable > 0 && label !== 'From') {
      this.problems.push(
        `${label} has ${unusable} entr${unusable === 1 ? 'y' : 'ies'} without a usable address`,
      );
    }
    return result;
  }

  private decode(field: RawHeaderField): string {
    // Cut before anything reads it: every pattern below then reads a bounded string.
    const bounded = headerValueForParsing(field.value);
    if (bounded.cut) {
      this.problems.push(
        `the ${field.name} header was cut to ${MAX_PARSED_HEADER_VALUE} characters for reading`,
      );
    }
    let value = bounded.value;
    if (/[\x80-\xff]/.test(value)) {
      const decoded = decodeBytes(Buffer.from(value, 'latin1'));
      this.problems.push(
        `raw 8-bit characters in the ${field.name} header` +
          (decoded.problem ? ` (${decoded.problem})` : ''),
      );
      value = decoded.text;
    }
    return value.replace(/\0/g, '');
  }
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** RFC 5322 §4.3 zone names, and military Z */
const ZONES: Readonly<Record<string, number>> = {
  ut: 0,
  gmt: 0,
  z: 0,
  est: -5,
  edt: -4,
  cst: -6,
  cdt: -5,
  mst: -7,
  mdt: -6,
  pst: -8,
  pdt: -7,
};
const RFC5322_DATE =
  /^(?:[a-z]{2,9}\.?,?\s*)?(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-]\d{4}|[a-z]{1,5})\b)?/i;
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An RFC 5322 date (with the obsolete forms: two-digit years, zone names, comments) as an
 * ISO instant, or null. Parsed here rather than by `Date`, which reads a date without a zone
 * in the local time zone of whatever machine runs it, and reads "1" as the year 2001.
 */
function parseMailDate(value: string): string | null {
  const text = value
    .replace(/\([^()]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (ISO_DATE.test(text)) {
    const time = Date.parse(text.replace(' ', 'T'));
    return Number.isNaN(time) ? null : new Date(time).toISOString();
  }
  const match = RFC5322_DATE.exec(text);
  if (!match) return null;
  const [, day, monthName, yearText, hour, minute, second, zone] = match;
  const month = MONTHS.indexOf((monthName ?? '').slice(0, 3).toLowerCase());
  let year = Number(yearText);
  if ((yearText ?? '').length === 2) year += year < 50 ? 2000 : 1900;
  else if ((yearText ?? '').length === 3) year += 1900;
  let offsetMinutes = 0;
  if (zone && /^[+-]\d{4}$/.test(zone)) {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  } else if (zone) {
    offsetMinutes = (ZONES[zone.toLowerCase()] ?? 0) * 60;
  }
  const fields = [Number(day), Number(hour), Number(minute), Number(second ?? 0)] as const;
  if (
    month < 0 ||
    fields[0] < 1 ||
    fields[0] > 31 ||
    fields[1] > 23 ||
    fields[2] > 59 ||
    fields[3] > 60
  ) {
    return null;
  }
  // Date.UTC rolls 31 February over into March; a day the month does not have is no date.
  if (new Date(Date.UTC(year, month, fields[0])).getUTCDate() !== fields[0]) return null;
  const time =
    Date.UTC(year, month, fields[0], fields[1], fields[2], Math.min(fields[3], 59)) -
    offsetMinutes * 60_000;
  const date = new Date(time);
  if (Number.isNaN(time)) return null;
  const iso = date.toISOString();
  return /^\d{4}-/.test(iso) ? iso : null;
}

/** Ids in angle brackets; bare tokens only where a sender left the brackets off. */
function messageIds(value: string, requireAt = false): string[] {
  const bracketed = [...value.matchAll(/<([^<>]*)>/g)]
    .map((match) => (match[1] ?? '').replace(/\s+/g, ''))
    .filter((id) => id !== '');
  const ids =
    bracketed.length > 0
      ? bracketed
      : value
          .split(/[\s,]+/)
          .filter((token) => token !== '' && (!requireAt || token.includes('@')));
  return ids.filter((id) => id.length <= MAX_MESSAGE_ID_LENGTH);
}

const DOMAIN =
  /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)*[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$|^\[[0-9A-Fa-f:.]{2,45}\]$/u;
const LOCAL_PART = /^(?:[^\s"<>(),:;[\]\\@]+|"(?:[^"\\\r\n]|\\.)*")$/u;

/**
 * `local@domain` with the domain lower-cased (the local part is the owner's to define), or
 * null for something that is not an address: `Undisclosed-Recipient:@x;`, `<>`, a name.
 */
function normaliseAddress(address: string): string | null {
  const trimmed = address.trim().replace(/^<|>$/g, '');
  if (trimmed.length > 320) return null;
  const at = trimmed.lastIndexOf('@');
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  if (at <= 0 || !LOCAL_PART.test(local) || !DOMAIN.test(domain)) return null;
  return withLowerCaseDomain(trimmed);
}

/** The text the processor reads: at most MAX_TEXT_CHARACTERS of it, cleaned. */
function readText(text: string, problems: string[]): string {
  return cleanText(readable(text, MAX_TEXT_CHARACTERS, 'text', problems), problems);
}

/**
 * At most `max` characters of `text`, as a string of its own: a slice would keep the whole
 * body alive for as long as the slice is.
 */
function readable(text: string, max: number, what: string, problems: string[]): string {
  if (text.length <= max) return text;
  problems.push(`the ${what} is ${text.length} characters long; only the first ${max} were read`);
  // not cutting a character written as two code units in two
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return Buffer.from(text.slice(0, end), 'utf16le').toString('utf16le');
}

/** Line ends as `\n`; NUL removed (a database text column refuses it). */
function cleanText(text: string, problems: string[]): string {
  if (text.includes('\0')) problems.push('NUL characters were removed');
  return text.replace(/\r\n?/g, '\n').replace(/\0/g, '');
}

/** An untrusted string made safe to log: quoted, invisible characters spelled out, cut short. */
function quoteUntrusted(value: string): string {
  const short = value.length > 120 ? `${value.slice(0, 120)}…` : value;
  return JSON.stringify(short).replace(
    /[\p{Cf}\p{Zl}\p{Zp}\u007f-\u009f]/gu,
    (char) => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function emptyEmail(problems: string[]): InboundEmail {
  const headers = {} as Record<InboundHeaderName, string[]>;
  for (const name of INBOUND_HEADER_NAMES) headers[name] = [];
  return {
    messageId: null,
    from: null,
    authors: 0,
    to: [],
    cc: [],
    replyTo: [],
    subject: '',
    date: null,
    inReplyTo: null,
    references: [],
    text: '',
    textSource: 'none',
    headers,
    attachments: [],
    problems,
  };
}
