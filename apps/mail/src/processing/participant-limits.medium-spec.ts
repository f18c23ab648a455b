import { cases, messages, participants } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { and, eq } from 'drizzle-orm';
import { startMailHarness, type MailHarness } from '../testing/mail-harness';

const NEL = 'nel@escalations.localhost';

function form(manager: string, other: string): string {
  return [
    'Case: Child A (PID 12345)',
    'Agency: Grange Primary School',
    'Other agency: Childrens Services',
    'Disagreement: The referral was closed without an assessment.',
    'Category: referral thresholds',
    `Manager: Dan Reed <${manager}>`,
    `Other practitioner: Sam Cole <${other}>`,
  ].join('\n');
}

const addresses = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, n) => `${prefix}${n}@copied.example.org`);

describe.each(testEngines())('the caps on who one email puts on a case, on %s', (engine) => {
  let mail: MailHarness;

  beforeAll(async () => {
    mail = await startMailHarness(engine);
  }, 60_000);
  afterAll(() => mail.close());

  const db = () => mail.database.db;

  async function inbound(messageId: string) {
    const [row] = await db()
      .select()
      .from(messages)
      .where(and(eq(messages.direction, 'inbound'), eq(messages.messageId, messageId)));
    expect(row).toBeDefined();
    return row!;
  }

  async function caseCount(): Promise<number> {
    return (await db().select({ id: cases.id }).from(cases)).length;
  }

  it('refuses a raise copying 25 people (limit 20) whole: no case, one answer naming the limit, nothing to the copied', async () => {
    const raiser = 'many.cc@school.example.org';
    const copied = addresses(25, 'cc');
    const casesBefore = await caseCount();
    await mail.deliver({
      envelope: { from: raiser, to: [NEL] },
      from: raiser,
      to: NEL,
      cc: copied,
      subject: 'Escalation',
      text: form('many.manager@school.example.org', 'many.other@council.example.gov.uk'),
      messageId: '<many-cc@school.example.org>',
    });
    await mail.drain();

    expect(await caseCount()).toBe(casesBefore);
    expect(await inbound('many-cc@school.example.org')).toMatchObject({
      status: 'processed',
      kind: 'escalation',
      caseId: null,
      error: 'refused: too-many-participants',
    });
    const answers = mail.world.inbox(raiser);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.parsed.text).toContain('one message may add at most 20');
    for (const address of [
      ...copied,
      'many.manager@school.example.org',
      'many.other@council.example.gov.uk',
    ]) {
      expect(mail.world.inbox(address)).toHaveLength(0);
    }
  });

  it('refuses an ESCALATE whose Next contact lines would take a case past 50 people, and writes to none of them', async () => {
    const raiser = 'full.raiser@school.example.org';
    // 18 copied, the manager and the other practitioner: 20 named, 21 with the raiser.
    await mail.deliver({
      envelope: { from: raiser, to: [NEL] },
      from: raiser,
      to: NEL,
      cc: addresses(18, 'full.cc'),
      subject: 'Escalation',
      text: form('full.manager@school.example.org', 'full.other@council.example.gov.uk'),
      messageId: '<full-case@school.example.org>',
    });
    await mail.drain();
    const ack = mail.world.inbox(raiser).at(-1)!;
    const ref = /\[(NEL-\d{4}-\d{4})\]/.exec(ack.parsed.subject ?? '')![1]!;
    const replyTo = ack.parsed.replyTo!.value[0]!.address!;
    const caseId = (await inbound('full-case@school.example.org')).caseId!;
    const people = async () =>
      (await db().select().from(participants).where(eq(participants.caseId, caseId))).length;
    expect(await people()).toBe(21);

    const escalate = async (next: string[], id: string) => {
      await mail.deliver({
        from: raiser,
        to: replyTo,
        subject: `Re: [${ref}] Escalation received`,
        text: [
          'ESCALATE',
          'No agreement at this stage.',
          ...next.map((address) => `Next contact: ${address}`),
        ].join('\n'),
        messageId: `<${id}>`,
      });
      await mail.drain();
    };
    await escalate(addresses(20, 'full.second'), 'full-escalate-1@school.example.org');
    await escalate(addresses(9, 'full.third'), 'full-escalate-2@school.example.org');
    expect(await people()).toBe(50);

    const late = addresses(2, 'full.late');
    const answersBefore = mail.world.inbox(raiser).length;
    await escalate(late, 'full-escalate-3@school.example.org');

    expect(await people()).toBe(50);
    expect(await inbound('full-escalate-3@school.example.org')).toMatchObject({
      status: 'processed',
      kind: 'reply',
      caseId,
      error: 'refused: too-many-participants',
    });
    const [row] = await db()
      .select({ stage: cases.currentStage })
      .from(cases)
      .where(eq(cases.id, caseId));
    expect(row!.stage).toBe(3);
    const answers = mail.world.inbox(raiser).slice(answersBefore);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.parsed.text).toContain('one case may have at most 50');
    for (const address of late) expect(mail.world.inbox(address)).toHaveLength(0);
  });
});
