import { simpleParser, type AddressObject } from 'mailparser';
import { composeMessage, type OutgoingMessage } from './compose-message';

// Issue 16: outgoing mail is composed in one pass instead of through nodemailer's streams.
// What a mail client reads back must be exactly what was meant, whatever the words.
const message: OutgoingMessage = {
  from: 'NEL escalations <nel@escalations.example.org>',
  to: ['dan.reed@school.example.org', 'Zoë Ångström <zoe@nhs.example.net>', 'kim@münchen.example'],
  replyTo: 'nel+NEL-2026-0001.abc@escalations.example.org',
  subject:
    '[NEL-2026-0001] Escalation raised — stage 1 (Practitioner to practitioner) is due by Tuesday 5 January 2027',
  text: `Dear colleague,\n\nThe disagreement: "Referral closed" & £0 offered.\n${'A long line of words '.repeat(8)}\n\n-- \nfooter\n`,
  html: '<p>Dear colleague, £ — “quoted”</p>',
  date: new Date('2026-12-06T10:00:00Z'),
  threading: {
    messageId: 'notice.abc@escalations.example.org',
    inReplyTo: 'first@school.example.org',
    references: ['first@school.example.org', 'second@nhs.example.net'],
  },
  attachments: [
    {
      filename: 'Record of escalation – stage 1.pdf',
      content: Buffer.from('%PDF-1.4\n% not really a PDF, but bytes of every value \x00\xff'),
      contentType: 'application/pdf',
    },
  ],
};

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) =>
    group.value.map(({ name, address }) => ({ name, address })),
  );

describe('composing an outgoing message', () => {
  it('reads back as written: addresses, subject, threading, date and the automatic marks', async () => {
    const parsed = await simpleParser(composeMessage(message));

    expect(addresses(parsed.from)).toEqual([
      { name: 'NEL escalations', address: 'nel@escalations.example.org' },
    ]);
    expect(addresses(parsed.to)).toEqual([
      { name: '', address: 'dan.reed@school.example.org' },
      { name: 'Zoë Ångström', address: 'zoe@nhs.example.net' },
      { name: '', address: 'kim@münchen.example' },
    ]);
    // an internationalised domain goes as its ASCII form, which readers show as written
    expect(composeMessage(message).toString('latin1')).toContain('kim@xn--mnchen-3ya.example');
    expect(addresses(parsed.replyTo)).toEqual([
      { name: '', address: 'nel+NEL-2026-0001.abc@escalations.example.org' },
    ]);
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.messageId).toBe('<notice.abc@escalations.example.org>');
    expect(parsed.inReplyTo).toBe('<first@school.example.org>');
    expect(parsed.references).toEqual(['<first@school.example.org>', '<second@nhs.example.net>']);
    expect(parsed.date?.toISOString()).toBe('2026-12-06T10:00:00.000Z');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(parsed.headers.get('x-auto-response-suppress')).toBe('All');
  });

  it('writes a list of bare addresses as it is, and parses any that is not', async () => {
    const bare = composeMessage({ ...message, to: ['a@school.example.org', "o'neil@nhs.example"] });
    const odd = composeMessage({ ...message, to: ['a@school.example.org, b@nhs.example'] });

    expect(bare.toString('latin1')).toContain(
      "\r\nTo: a@school.example.org, o'neil@nhs.example\r\n",
    );
    expect(addresses((await simpleParser(odd)).to).map(({ address }) => address)).toEqual([
      'a@school.example.org',
      'b@nhs.example',
    ]);
  });

  it('carries the text, the HTML and the attachment byte for byte', async () => {
    const parsed = await simpleParser(composeMessage(message));

    expect(parsed.text?.replace(/\r\n/g, '\n')).toBe(message.text);
    expect(parsed.html).toBe(message.html);
    expect(parsed.attachments).toHaveLength(1);
    const [file] = parsed.attachments;
    expect(file?.filename).toBe('Record of escalation – stage 1.pdf');
    expect(file?.contentType).toBe('application/pdf');
    expect(file?.content.equals(message.attachments![0]!.content)).toBe(true);
  });

  it('is seven-bit lines of at most 78 characters, each ending CRLF, as SMTP sends them', () => {
    const raw = composeMessage(message);

    expect([...raw].every((byte) => byte < 0x80)).toBe(true);
    expect(raw.toString('latin1')).not.toMatch(/[^\r]\n|\r[^\n]/);
    expect(raw.toString('latin1').endsWith('\r\n')).toBe(true);
    for (const line of raw.toString('latin1').split('\r\n'))
      expect(line.length).toBeLessThanOrEqual(78);
  });

  it('sends plain short ASCII text as it is, anything else quoted-printable', () => {
    const plain = composeMessage({
      ...message,
      text: 'Plain words.\n',
      html: '<p>Plain words.</p>',
      attachments: [],
    }).toString('latin1');
    const encoded = composeMessage(message).toString('latin1');

    expect(plain).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(plain).not.toMatch(/multipart\/mixed/);
    expect(plain.match(/Content-Transfer-Encoding: 7bit/g)).toHaveLength(2);
    expect(plain).toContain('\r\n\r\nPlain words.\r\n');
    expect(encoded.match(/Content-Transfer-Encoding: quoted-printable/g)).toHaveLength(2);
  });

  it('keeps a subject on its line: a line break in it starts no header of its own', async () => {
    const raw = composeMessage({
      ...message,
      subject: 'Escalated\r\nBcc: someone@elsewhere.example',
    });
    const parsed = await simpleParser(raw);

    expect(parsed.subject).toBe('Escalated Bcc: someone@elsewhere.example');
    expect(parsed.bcc).toBeUndefined();
    expect(raw.toString('latin1')).not.toMatch(/^Bcc:/m);
  });

  it('gives each message boundaries of its own', () => {
    const boundaryOf = (raw: Buffer) => /boundary="([^"]+)"/.exec(raw.toString('latin1'))?.[1];

    expect(boundaryOf(composeMessage(message))).not.toBe(boundaryOf(composeMessage(message)));
  });
});
