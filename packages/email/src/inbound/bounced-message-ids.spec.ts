import { bouncedMessageIds } from './bounced-message-ids';
import { parseInboundEmail } from './parse-inbound-email';

const parse = (lines: string[]) => parseInboundEmail(Buffer.from(lines.join('\r\n')));

describe('bouncedMessageIds', () => {
  it('reads the returned headers and message of a delivery status report, then In-Reply-To and References', async () => {
    const b = 'report-boundary';
    const email = await parse([
      'From: MAILER-DAEMON@mx.example.org',
      'To: nel@escalations.localhost',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <the-bounce-itself@mx.example.org>',
      'In-Reply-To: <replied@escalations.localhost>',
      'References: <older@escalations.localhost> <newer@escalations.localhost>',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '',
      `--${b}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.org',
      '',
      'Final-Recipient: rfc822; sam@example.org',
      'Action: failed',
      'Status: 5.1.1',
      '',
      `--${b}`,
      'Content-Type: text/rfc822-headers',
      '',
      'From: NEL escalations <nel@escalations.localhost>',
      'Message-ID:',
      ' <returned-headers.nel-2026-0001@escalations.localhost>',
      '',
      `--${b}`,
      'Content-Type: message/rfc822',
      '',
      'From: NEL escalations <nel@escalations.localhost>',
      'Message-ID: <returned-message.nel-2026-0001@escalations.localhost>',
      '',
      'Body',
      '',
      `--${b}--`,
      '',
    ]);
    expect(bouncedMessageIds(email)).toEqual([
      'returned-headers.nel-2026-0001@escalations.localhost',
      'returned-message.nel-2026-0001@escalations.localhost',
      'replied@escalations.localhost',
      'newer@escalations.localhost',
      'older@escalations.localhost',
    ]);
  });

  it('reads Message-ID lines of an original quoted inline, as plain-text bounces do', async () => {
    const email = await parse([
      'From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      'To: nel@escalations.localhost',
      'Subject: Delivery Status Notification (Failure)',
      'Message-ID: <own@mail.gmail.com>',
      '',
      "Your message wasn't delivered to sam@example.org because the address couldn't be found.",
      '',
      '----- Original message -----',
      '',
      'From: NEL escalations <nel@escalations.localhost>',
      'Message-ID: <inline.nel-2026-0002@escalations.localhost>',
      'Subject: [NEL-2026-0002] Escalation received',
      '',
    ]);
    expect(bouncedMessageIds(email)).toEqual(['inline.nel-2026-0002@escalations.localhost']);
  });

  it('finds nothing in a bounce that names no message', async () => {
    const email = await parse([
      'From: MAILER-DAEMON@mx.example.org',
      'To: nel@escalations.localhost',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <only-its-own@mx.example.org>',
      '',
      '<sam@example.org>: host mx.example.org said: 550 5.1.1 User unknown',
      '',
    ]);
    expect(bouncedMessageIds(email)).toEqual([]);
  });
});
