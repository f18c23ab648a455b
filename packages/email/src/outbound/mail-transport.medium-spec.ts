import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { threadingHeaders } from '../address/threading';
import { composeMessage, type OutgoingMessage } from './compose-message';
import { createFileTransport, createSmtpTransport } from './mail-transport';

const message: OutgoingMessage = {
  from: 'NEL escalations <nel@escalations.localhost>',
  to: ['dan.reed@school.example.org', 'sam.cole@council.example.gov.uk'],
  replyTo: 'nel+nel-2026-0007.abcdefghijklmnop@escalations.localhost',
  subject: '[NEL-2026-0007] Reminder: stage 2 is due tomorrow',
  text: 'Stage 2 is due.\n',
  html: '<p>Stage 2 is due.</p>',
  threading: threadingHeaders(
    'NEL-2026-0007',
    'escalations.localhost',
    'abc.nel-2026-0007@escalations.localhost',
  ),
  date: new Date('2027-01-05T09:00:00Z'),
};

describe('composing and sending', () => {
  it('composes a message mail clients thread and auto-responders leave alone', async () => {
    const parsed = await simpleParser(composeMessage(message));
    expect(parsed.messageId).toBe('<abc.nel-2026-0007@escalations.localhost>');
    expect(parsed.inReplyTo).toBe('<case.nel-2026-0007@escalations.localhost>');
    expect(parsed.references).toBe('<case.nel-2026-0007@escalations.localhost>');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(parsed.replyTo?.text).toBe(message.replyTo);
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text).toBe('Stage 2 is due.\n');
  });

  it('delivers the same bytes to a real SMTP server on loopback', async () => {
    const received: { from: string; to: string[]; raw: Buffer }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
    try {
      const raw = composeMessage(message);
      const result = await transport.send(
        raw,
        { from: 'bounces@escalations.localhost', to: message.to },
        message.threading.messageId,
      );
      expect(result.accepted).toEqual(message.to);
      expect(received).toHaveLength(1);
      expect(received[0]!.from).toBe('bounces@escalations.localhost');
      expect(received[0]!.to).toEqual(message.to);
      expect(received[0]!.raw.toString('utf8').replace(/\r\n/g, '\n').trim()).toBe(
        raw.toString('utf8').replace(/\r\n/g, '\n').trim(),
      );
    } finally {
      transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('writes .eml files, one per message, replacing a resend', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    const transport = createFileTransport(dir);
    const raw = composeMessage(message);
    await transport.send(raw, { from: 'x@y.org', to: message.to }, message.threading.messageId);
    await transport.send(raw, { from: 'x@y.org', to: message.to }, message.threading.messageId);
    expect(readdirSync(dir)).toEqual(['abc.nel-2026-0007_escalations.localhost.eml']);
    expect(readFileSync(join(dir, readdirSync(dir)[0]!))).toEqual(raw);
  });
});
