import MailComposer from 'nodemailer/lib/mail-composer';
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

/**
 * The exact bytes of an outgoing message, built once and stored, so what is sent, what is
 * kept, and what is resent after a crash are the same message. Every message says it is
 * automatic (RFC 3834), so well-behaved auto-responders do not answer it.
 */
export async function composeMessage(message: OutgoingMessage): Promise<Buffer> {
  const composer = new MailComposer({
    from: message.from,
    to: message.to,
    replyTo: message.replyTo,
    subject: message.subject,
    text: message.text,
    html: message.html,
    date: message.date,
    ...(message.attachments?.length ? { attachments: message.attachments } : {}),
    messageId: `<${message.threading.messageId}>`,
    ...(message.threading.inReplyTo ? { inReplyTo: `<${message.threading.inReplyTo}>` } : {}),
    ...(message.threading.references.length > 0
      ? { references: message.threading.references.map((id) => `<${id}>`) }
      : {}),
    headers: {
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
    },
  });
  return withCrlfLineEndings(await composer.compile().build());
}

/**
 * RFC 5322 line endings throughout. The composer leaves the template text's bare LFs inside
 * its quoted-printable parts, and SMTP turns each into CRLF on the wire (and ends the data
 * with one): normalised here, the bytes stored are the bytes sent and resent, byte for byte.
 */
function withCrlfLineEndings(raw: Buffer): Buffer {
  const text = raw.toString('latin1').replace(/\r\n|\r|\n/g, '\r\n');
  return Buffer.from(text.endsWith('\r\n') ? text : `${text}\r\n`, 'latin1');
}
