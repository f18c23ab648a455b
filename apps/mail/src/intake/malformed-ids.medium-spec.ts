import { randomBytes } from 'node:crypto';
import { messages } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { eq } from 'drizzle-orm';
import { startMailHarness, type MailHarness } from '../testing/mail-harness';

const NEL = 'nel@escalations.localhost';
/** Random, so that Postgres cannot compress the index entry under its 2.7 KB limit. */
const incompressible = (chars: number) => randomBytes(chars).toString('base64url').slice(0, chars);

function escalation(headers: { from: string; messageId: string }): Buffer {
  return Buffer.from(
    [
      `From: ${headers.from}`,
      `To: ${NEL}`,
      'Subject: Escalation',
      `Message-ID: ${headers.messageId}`,
      '',
      'Case: Child A',
      'Agency: Grange Primary School',
      'Other agency: Childrens Services',
      'Disagreement: The referral was closed without an assessment.',
      'Category: referral thresholds',
      '',
    ].join('\r\n'),
    'latin1',
  );
}

/**
 * Message-IDs and senders no column or index could hold as they are: the intake must still
 * store the message and answer 250, or the sender's server retries for days.
 */
describe.each(testEngines())('SMTP intake of malformed ids on %s', (engine) => {
  let mail: MailHarness;

  beforeAll(async () => {
    mail = await startMailHarness(engine);
  }, 60_000);
  afterAll(() => mail.close());

  async function deliverRaw(raw: Buffer): Promise<void> {
    // nodemailer rejects on any answer but 250, so a 451 fails here
    await mail.deliver({ envelope: { from: 'sender@school.example.org', to: [NEL] }, raw });
  }

  async function storedWith(needle: string) {
    const rows = await mail.database.db
      .select()
      .from(messages)
      .where(eq(messages.direction, 'inbound'));
    return rows.filter((row) => row.raw.toString('latin1').includes(needle));
  }

  it.each([
    ['a NUL in the Message-ID', { from: 'asha@school.example.org', messageId: '<a\0b@school>' }],
    ['a NUL in From', { from: 'asha\0x@school.example.org', messageId: '<nul-from@school>' }],
    [
      'a Message-ID of 3 KB',
      { from: 'asha@school.example.org', messageId: `<${incompressible(3000)}@school>` },
    ],
    [
      'a Message-ID of 3 KB of multi-byte characters',
      {
        from: 'asha@school.example.org',
        messageId: `<${incompressible(1000)}${'\u00e9'.repeat(1500)}@school>`,
      },
    ],
  ])('stores a message with %s, answers 250, and processes it', async (_label, headers) => {
    const raw = escalation(headers);
    await deliverRaw(raw);
    const [row] = await storedWith(headers.messageId);
    expect(row).toBeDefined();
    // the bytes are kept whole, whatever was made of the id for the index
    expect(row!.raw.equals(raw)).toBe(true);
    expect(row!.messageId === null || !row!.messageId.includes('\0')).toBe(true);
    expect(Buffer.byteLength(row!.messageId ?? '')).toBeLessThan(1000);

    await mail.drain();
    const [done] = await storedWith(headers.messageId);
    expect(done!.status).toBe('processed');
  });

  it('keeps two long Message-IDs that differ only past the first kilobytes as two messages, and one delivered twice as one', async () => {
    const prefix = incompressible(3000);
    const first = escalation({ from: 'a@school.example.org', messageId: `<${prefix}1@school>` });
    const second = escalation({ from: 'a@school.example.org', messageId: `<${prefix}2@school>` });
    await deliverRaw(first);
    await deliverRaw(second);
    await deliverRaw(Buffer.concat([first, Buffer.from('\r\n')]));
    const rows = await storedWith(prefix);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row) => row.messageId)).size).toBe(2);
  });
});
