import { randomUUID } from 'node:crypto';
import { domainToASCII } from 'node:url';
import addressparser from 'nodemailer/lib/addressparser';
import * as base64 from 'nodemailer/lib/base64';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import * as qp from 'nodemailer/lib/qp';
import type { ThreadingHeaders } from '../address/threading';
import type { RenderedEmail } from './render-email';

export interface OutgoingMessage extends RenderedEmail {
  from: string;
  to: string[];
  /** the case's signed reply address */
  replyTo: string;
  threading: ThreadingHeaders;
  date: Date;
  /** documents the message carries (record forms, chronologies as PDF) */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

const CRLF = '\r\n';
/** an address with nothing to parse or encode: a dot-atom mailbox at an ASCII domain */
const BARE_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+$/;
const LINE = 76;

/**
 * The exact bytes of an outgoing message, built once and stored, so what is sent, what is
 * kept, and what is resent after a crash are the same message. Every message says it is
 * automatic (RFC 3834), so well-behaved auto-responders do not answer it.
 *
 * Built in one pass from nodemailer's own encoders (encoded words, quoted-printable,
 * base64, folding), not its streaming composer: for messages of a few kilobytes the
 * composer's streams cost more than the message (over half a millisecond each, most of
 * composing a notice), and the case's reference is held while its notices are composed.
 */
export function composeMessage(message: OutgoingMessage): Buffer {
  // random (from the pool randomUUID keeps: randomBytes asked the kernel each time), so no
  // text a sender wrote into a case can foresee it and forge a part
  const boundary = `--_NmP-${randomUUID().replace(/-/g, '')}-Part_`;
  const headers = [
    header('Auto-Submitted', 'auto-replied'),
    header('X-Auto-Response-Suppress', 'All'),
    header('From', addresses([message.from])),
    header('To', addresses(message.to)),
    header('Reply-To', addresses([message.replyTo])),
    ...(message.threading.inReplyTo
      ? [header('In-Reply-To', `<${message.threading.inReplyTo}>`)]
      : []),
    ...(message.threading.references.length > 0
      ? [header('References', message.threading.references.map((id) => `<${id}>`).join(' '))]
      : []),
    header('Subject', mimeFuncs.encodeWords(oneLine(message.subject), 'Q', 52)),
    header('Message-ID', `<${message.threading.messageId}>`),
    header('Date', message.date.toUTCString().replace(/GMT/, '+0000')),
    header('MIME-Version', '1.0'),
  ];
  const alternative = multipart('alternative', `${boundary}2`, [
    textPart('text/plain', message.text),
    ...(message.html ? [textPart('text/html', message.html)] : []),
  ]);
  const body = message.attachments?.length
    ? multipart('mixed', `${boundary}1`, [alternative, ...message.attachments.map(attachment)])
    : alternative;
  // seven-bit throughout, but for an address whose mailbox name is not ASCII (SMTPUTF8)
  return Buffer.from(headers.join('') + render(body), 'utf8');
}

/** A MIME entity: its headers, a blank line and its body, every line ending in CRLF. */
interface Part {
  headers: string[];
  body: string;
}

function render(part: Part): string {
  return `${part.headers.join('')}${CRLF}${part.body}`;
}

function multipart(subtype: string, boundary: string, parts: Part[]): Part {
  return {
    headers: [header('Content-Type', `multipart/${subtype}; boundary="${boundary}"`)],
    body:
      parts.map((part) => `--${boundary}${CRLF}${render(part)}${CRLF}`).join('') +
      `--${boundary}--${CRLF}`,
  };
}

/**
 * Text as UTF-8: seven-bit as it is when it can be, else quoted-printable; the template
 * text's bare LFs become CRLF, so the bytes stored are the bytes SMTP sends, byte for byte.
 */
function textPart(type: string, text: string): Part {
  const crlf = text.replace(/\r\n|\r|\n/g, CRLF);
  const plain = mimeFuncs.isPlainText(crlf) && !mimeFuncs.hasLongerLines(crlf, LINE);
  return {
    headers: [
      header('Content-Type', `${type}; charset=utf-8`),
      header('Content-Transfer-Encoding', plain ? '7bit' : 'quoted-printable'),
    ],
    body: plain ? crlf : qp.wrap(qp.encode(crlf), LINE),
  };
}

function attachment(file: { filename: string; content: Buffer; contentType: string }): Part {
  return {
    headers: [
      header(
        'Content-Type',
        mimeFuncs.buildHeaderValue({ value: file.contentType, params: { name: file.filename } }),
      ),
      header('Content-Transfer-Encoding', 'base64'),
      header(
        'Content-Disposition',
        mimeFuncs.buildHeaderValue({ value: 'attachment', params: { filename: file.filename } }),
      ),
    ],
    body: base64.wrap(base64.encode(file.content), LINE),
  };
}

/** A header line, folded at 76 columns, ending in CRLF. */
function header(name: string, value: string): string {
  return `${mimeFuncs.foldLines(`${name}: ${value}`, LINE).replace(/\r?\n/g, CRLF)}${CRLF}`;
}

/** Addresses as written (`Name <address>` or bare), display names encoded as RFC 2047 says. */
function addresses(list: readonly string[]): string {
  // most are bare ASCII addresses, written as they are
  if (list.every((address) => BARE_ADDRESS.test(address))) return list.join(', ');
  return addressparser(list.join(', '), { flatten: true })
    .map(({ name, address }) => {
      const at = address.lastIndexOf('@');
      const domain = at < 0 ? '' : address.slice(at + 1);
      // an internationalised domain as its ASCII (punycode) form
      const written = domain
        ? `${address.slice(0, at + 1)}${domainToASCII(domain) || domain}`
        : address;
      return name ? `${displayName(name)} <${written}>` : written;
    })
    .join(', ');
}

function displayName(name: string): string {
  if (/^[\w ]*$/.test(name)) return name;
  if (/^[\x20-\x7e]*$/.test(name)) return `"${name.replace(/([\\"])/g, '\\$1')}"`;
  return mimeFuncs.encodeWord(name, 'Q', 52);
}

/** A subject on one line: a folded or pasted line break is not a header's to carry. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
