import { attachments, InboundMessageRepository, messages } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { and, eq, inArray } from 'drizzle-orm';
import { startMailHarness, type MailHarness } from '../testing/mail-harness';

const MINUTE = 60_000;
const NEL = 'nel@escalations.localhost';

function form(caseName: string, n: number): string {
  return [
    `Case: ${caseName}`,
    'Agency: Grange Primary School',
    'Other agency: Childrens Services',
    'Disagreement: The referral was closed without an assessment.',
    'Category: referral thresholds',
    `Manager: Dan Reed <poison.manager${n}@school.example.org>`,
    `Other practitioner: Sam Cole <poison.other${n}@council.example.gov.uk>`,
  ].join('\n');
}

/** An escalation with an attachment whose Content-Type holds a NUL byte. */
function nulContentTypeMessage(messageId: string): Buffer {
  return Buffer.from(
    [
      'From: nul.raiser@school.example.org',
      `To: ${NEL}`,
      'Subject: Escalation',
      `Message-ID: <${messageId}>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      form('Child NUL', 0),
      '--b1',
      'Content-Type: application/pdf\0evil; name="notes.pdf"',
      'Content-Disposition: attachment; filename="notes.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQ=',
      '--b1--',
      '',
    ].join('\r\n'),
    'latin1',
  );
}

describe.each(testEngines())('one malformed message in a batch, on %s', (engine) => {
  let mail: MailHarness;

  beforeAll(async () => {
    mail = await startMailHarness(engine, { answersPerHour: 50 });
  }, 60_000);
  afterAll(() => mail.close());

  const db = () => mail.database.db;
  const later = (ms: number) => {
    mail.clock.now = new Date(mail.clock.now.getTime() + ms);
  };

  async function byMessageId(ids: string[]) {
    return db()
      .select()
      .from(messages)
      .where(and(eq(messages.direction, 'inbound'), inArray(messages.messageId, ids)));
  }

  async function deliverEscalations(prefix: string, count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, (_, n) => `${prefix}-${n}@school.example.org`);
    for (const [n, id] of ids.entries()) {
      await mail.deliver({
        from: `${prefix}.raiser${n}@school.example.org`,
        to: NEL,
        subject: 'Escalation',
        text: form(`Child ${prefix} ${n}`, n + 1),
        messageId: `<${id}>`,
      });
    }
    return ids;
  }

  it('processes the ten escalations behind a message whose attachment has a NUL in its Content-Type', async () => {
    await mail.deliver({
      envelope: { from: 'nul.raiser@school.example.org', to: [NEL] },
      raw: nulContentTypeMessage('nul-type@school.example.org'),
    });
    const behind = await deliverEscalations('behind', 10);

    expect(await mail.processor.runOnce()).toBe(11);

    const rows = await byMessageId(behind);
    expect(rows.map((row) => row.status)).toEqual(Array(10).fill('processed'));
    expect(rows.every((row) => row.kind === 'escalation' && row.caseId !== null)).toBe(true);
    // The NUL no longer makes the message unstorable: it is processed like any other, and
    // its attachment is listed with the character replaced.
    const [bad] = await byMessageId(['nul-type@school.example.org']);
    expect(bad).toMatchObject({ status: 'processed', kind: 'escalation', attempts: 1 });
    const files = await db().select().from(attachments).where(eq(attachments.messageId, bad!.id));
    expect(files.map((file) => file.contentType)).toEqual(['application/pdf\uFFFDevil']);
  });

  it('sets a message that keeps failing aside after the last attempt, its error kept storable, and goes on with the rest', async () => {
    const failing = mail.processorWith(
      {},
      mail.caseworkFailingOn('POISON', `refused \0 at \uD800 ${'x'.repeat(100_000)}`),
    );
    await mail.deliver({
      from: 'poison.raiser@school.example.org',
      to: NEL,
      subject: 'Escalation',
      text: form('Child POISON', 0),
      messageId: '<poison@school.example.org>',
    });
    const behind = await deliverEscalations('after', 10);

    expect(await failing.runOnce()).toBe(11);
    const rows = await byMessageId(behind);
    expect(rows.map((row) => row.status)).toEqual(Array(10).fill('processed'));
    expect((await byMessageId(['poison@school.example.org']))[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
    });

    for (let attempt = 2; attempt <= 3; attempt += 1) {
      later(60 * MINUTE);
      expect(await failing.runOnce()).toBe(1);
    }
    later(24 * 60 * MINUTE);
    expect(await failing.runOnce()).toBe(0);

    const [poison] = await byMessageId(['poison@school.example.org']);
    expect(poison).toMatchObject({ status: 'set-aside', attempts: 3, nextAttemptAt: null });
    expect(poison!.error).toMatch(/^Error: refused \uFFFD at \uFFFD x+…$/);
    expect(poison!.error!.length).toBeLessThanOrEqual(2000);
  });

  it('sets aside a message whose processing never finishes, once its attempts are spent', async () => {
    await mail.deliver({
      from: 'crash.raiser@school.example.org',
      to: NEL,
      subject: 'Escalation',
      text: form('Child CRASH', 0),
      messageId: '<crash@school.example.org>',
    });
    // A processor that takes the message and dies before it can say how it went, three times.
    const repository = new InboundMessageRepository();
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const leaseUntil = new Date(mail.clock.now.getTime() + 5 * MINUTE);
      const leased = await repository.lease(db(), mail.clock.now, leaseUntil, 20);
      expect(leased.map((message) => message.attempts)).toEqual([attempt]);
      later(6 * MINUTE);
    }

    expect(await mail.processor.runOnce()).toBe(0);
    const [crash] = await byMessageId(['crash@school.example.org']);
    expect(crash).toMatchObject({ status: 'set-aside', attempts: 3, caseId: null });
    expect(crash!.error).toMatch(/did not finish/);
  });
});
