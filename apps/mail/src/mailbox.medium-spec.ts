import { CaseRepository, messages } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { eq } from 'drizzle-orm';
import { startMailHarness, type MailHarness } from './testing/mail-harness';

const form = [
  'Case: Child A (PID 12345)',
  'Agency: Grange Primary School',
  'Other agency: Childrens Services',
  'Disagreement: The referral was closed without an assessment.',
  'Category: referral thresholds',
  'Manager: Dan Reed <dan.reed@school.example.org>',
  'Other practitioner: Sam Cole <sam.cole@council.example.gov.uk>',
].join('\n');

const ASHA = 'asha.patel@school.example.org';
const DAN = 'dan.reed@school.example.org';
const SAM = 'sam.cole@council.example.gov.uk';

describe.each(testEngines())('the mailbox end to end over SMTP on %s', (engine) => {
  let mail: MailHarness;
  beforeEach(async () => {
    mail = await startMailHarness(engine);
  }, 60_000);
  afterEach(() => mail.close());

  async function raise(messageId = '<raise-1@school.example.org>') {
    await mail.deliver({
      from: `Asha Patel <${ASHA}>`,
      to: 'nel@escalations.localhost',
      subject: 'Escalation',
      text: form,
      messageId,
    });
    await mail.drain();
    const ack = mail.world.inbox(ASHA).at(-1)!;
    const ref = /\[(NEL-\d{4}-\d{4})\]/.exec(ack.parsed.subject ?? '')![1]!;
    return { ack, ref };
  }

  it('acknowledges a new escalation with its reference and deadline, to everyone on it', async () => {
    const { ack, ref } = await raise();
    expect(ref).toBe('NEL-2026-0001');
    expect(ack.parsed.subject).toBe(
      '[NEL-2026-0001] Escalation received: stage 1 of ' +
        ack.parsed.subject!.split(' of ').slice(1).join(' of '),
    );
    expect(ack.parsed.subject).not.toContain('Child A');
    // Raised Tue 24 Nov 2026 10:00: NEL stage 1 is due by working day 2, Wed 25 Nov.
    expect(ack.parsed.text).toContain('Due by close of business on Wednesday 25 November 2026');
    expect(ack.parsed.inReplyTo).toBe('<raise-1@school.example.org>');
    expect(ack.to.sort()).toEqual([ASHA, DAN, SAM].sort());
  });

  it('closes the case on RESOLVED from the manager and confirms it to every participant', async () => {
    const { ack, ref } = await raise();
    const replyTo = ack.parsed.replyTo!.value[0]!.address!;
    await mail.deliver({
      from: `Dan Reed <${DAN}>`,
      to: replyTo,
      subject: `Re: ${ack.parsed.subject}`,
      inReplyTo: ack.parsed.messageId,
      text: `RESOLVED\nWe agreed to hold a strategy discussion on Friday.\nOutstanding: GP report\n\nOn Tue, 24 Nov 2026, NEL escalations wrote:\n> Your escalation has been recorded`,
    });
    await mail.drain();
    const { state } = (await new CaseRepository().findByRef(mail.database.db, ref))!;
    expect(state.status).toBe('resolved');
    expect(state.closingText).toBe('We agreed to hold a strategy discussion on Friday.');
    expect(state.outstanding).toEqual(['GP report']);
    for (const person of [ASHA, DAN, SAM]) {
      const confirmation = mail.world.latestBesidesLearningRequest(person)!;
      expect(confirmation.parsed.subject).toMatch(new RegExp(`^\\[${ref}\\] Resolved`));
      expect(confirmation.parsed.text).toContain(
        'We agreed to hold a strategy discussion on Friday.',
      );
    }
  });

  it("changes nothing on a stranger's RESOLVED, and tells them why", async () => {
    const { ack, ref } = await raise();
    await mail.deliver({
      from: 'someone@elsewhere.example.com',
      to: ack.parsed.replyTo!.value[0]!.address!,
      subject: `Re: [${ref}]`,
      text: 'RESOLVED\nclosing this',
    });
    await mail.drain();
    expect((await new CaseRepository().findByRef(mail.database.db, ref))!.state.status).toBe(
      'open',
    );
    const answer = mail.world.inbox('someone@elsewhere.example.com').at(-1)!;
    expect(answer.parsed.text).toContain('It did not name a case you can act on');
    // A stranger is not told the case exists (answer-to-stranger.medium-spec.ts).
    expect(answer.parsed.subject).not.toContain(ref);
  });

  it('refuses a reply that fails DMARC, and tells the sender', async () => {
    await mail.close();
    // school.example.org publishes SPF that does not include our test sender and a DMARC
    // reject policy: mail from 127.0.0.1 claiming to be from it fails both.
    mail = await startMailHarness(engine, {
      dns: {
        txt: {
          'school.example.org': ['v=spf1 ip4:192.0.2.10 -all'],
          '_dmarc.school.example.org': ['v=DMARC1; p=reject'],
        },
      },
    });
    await mail.deliver({
      from: `Asha Patel <${ASHA}>`,
      to: 'nel@escalations.localhost',
      subject: 'Escalation',
      text: form,
    });
    await mail.drain();
    const [row] = await mail.database.db
      .select()
      .from(messages)
      .where(eq(messages.direction, 'inbound'));
    expect(row).toMatchObject({ status: 'processed', caseId: null });
    expect(mail.world.inbox(ASHA).at(-1)!.parsed.text).toMatch(/DMARC fail/);
    expect(mail.world.inbox(SAM)).toHaveLength(0);
  });

  it('records an out-of-office and never answers it', async () => {
    const { ref } = await raise();
    const before = mail.world.received.length;
    await mail.deliver({
      from: `Sam Cole <${SAM}>`,
      to: 'nel@escalations.localhost',
      subject: `Automatic reply: [${ref}] Escalation received`,
      text: 'I am out of the office until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await mail.drain();
    expect(mail.world.received.length).toBe(before);
    const rows = await mail.database.db
      .select()
      .from(messages)
      .where(eq(messages.kind, 'automatic'));
    expect(rows).toHaveLength(1);
  });

  it('answers a form with problems, naming each, and makes no case', async () => {
    await mail.deliver({
      from: `Asha Patel <${ASHA}>`,
      to: 'nel@escalations.localhost',
      subject: 'help',
      text: 'Case: Child B\nCategory: gossip',
    });
    await mail.drain();
    const answer = mail.world.inbox(ASHA).at(-1)!;
    expect(answer.parsed.subject).toBe(
      'Your escalation could not be recorded yet: please check the form',
    );
    expect(answer.parsed.text).toMatch(/Agency/);
    expect(answer.parsed.text).toMatch(/gossip/);
    expect(answer.parsed.text).toContain('Case: Child B');
  });

  it('makes one case of a duplicate delivery', async () => {
    await raise('<same@school.example.org>');
    await mail.deliver({
      from: `Asha Patel <${ASHA}>`,
      to: 'nel@escalations.localhost',
      subject: 'Escalation',
      text: form,
      messageId: '<same@school.example.org>',
    });
    await mail.drain();
    const cases = await mail.database.db
      .select({ id: messages.caseId })
      .from(messages)
      .where(eq(messages.direction, 'inbound'));
    expect(cases).toHaveLength(1);
  });

  it('processes after a restart what was stored before a crash', async () => {
    await mail.deliver({
      from: `Asha Patel <${ASHA}>`,
      to: 'nel@escalations.localhost',
      subject: 'Escalation',
      text: form,
    });
    // The processor "crashed" while holding the message: its lease runs out and another takes it.
    const leased = await mail.processor['inbound'].lease(
      mail.database.db,
      mail.clock.now,
      new Date(mail.clock.now.getTime() + 300_000),
      10,
    );
    expect(leased).toHaveLength(1);
    expect(await mail.processor.runOnce()).toBe(0);
    mail.clock.now = new Date(mail.clock.now.getTime() + 301_000);
    await mail.drain();
    expect(mail.world.inbox(ASHA)).toHaveLength(1);
    const [row] = await mail.database.db
      .select()
      .from(messages)
      .where(eq(messages.direction, 'inbound'));
    expect(row).toMatchObject({ status: 'processed', kind: 'escalation' });
  });

  it('sets aside, for an administrator, a message whose every attempt died with its processor', async () => {
    await mail.deliver({
      from: `Asha Patel <${ASHA}>`,
      to: 'nel@escalations.localhost',
      subject: 'Escalation',
      text: form,
    });
    // three processors in turn take it and die holding it (the harness allows three attempts)
    for (let attempt = 1; attempt <= 3; attempt++) {
      const leased = await mail.processor['inbound'].lease(
        mail.database.db,
        mail.clock.now,
        new Date(mail.clock.now.getTime() + 300_000),
        10,
      );
      expect(leased).toHaveLength(1);
      mail.clock.now = new Date(mail.clock.now.getTime() + 301_000);
    }
    expect(await mail.processor.runOnce()).toBe(0);
    const [row] = await mail.database.db
      .select()
      .from(messages)
      .where(eq(messages.direction, 'inbound'));
    expect(row).toMatchObject({
      status: 'set-aside',
      error: 'processing did not finish in 3 attempts',
    });
    expect(mail.world.inbox(ASHA)).toHaveLength(0);
  });
});
