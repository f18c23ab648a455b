import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';

export interface Envelope {
  from: string;
  to: string[];
}

export interface DeliveryResult {
  accepted: string[];
  rejected: string[];
  response: string;
}

/** Where outgoing mail goes: an SMTP server, or `.eml` files for a machine with none. */
export interface MailTransport {
  readonly description: string;
  send(raw: Buffer, envelope: Envelope, messageId: string): Promise<DeliveryResult>;
  close(): void;
}

/** Through the SMTP server of `SMTP_URL` (smtp:// or smtps://, credentials in the URL). */
export function createSmtpTransport(url: string): MailTransport {
  const transport = nodemailer.createTransport(url);
  const parsed = new URL(url);
  return {
    description: `SMTP ${parsed.protocol}//${parsed.host}`,
    async send(raw, envelope) {
      const info: SMTPTransport.SentMessageInfo = await transport.sendMail({
        envelope: { from: envelope.from, to: [...envelope.to] },
        raw,
      });
      return {
        accepted: info.accepted.map(String),
        rejected: info.rejected.map(String),
        response: info.response,
      };
    },
    close: () => transport.close(),
  };
}

/**
 * Each message written as `<dir>/<message-id>.eml`, atomically (a temporary file renamed
 * into place), so a resend after a crash replaces the same file rather than adding one.
 */
export function createFileTransport(dir: string): MailTransport {
  mkdirSync(dir, { recursive: true });
  return {
    description: `.eml files in ${dir}`,
    send(raw, envelope, messageId) {
      const name = messageId.replace(/[^A-Za-z0-9._-]/g, '_');
      const temporary = join(dir, `.${name}.tmp`);
      writeFileSync(temporary, raw);
      renameSync(temporary, join(dir, `${name}.eml`));
      return Promise.resolve({
        accepted: envelope.to,
        rejected: [],
        response: `written ${name}.eml`,
      });
    },
    close: () => undefined,
  };
}
