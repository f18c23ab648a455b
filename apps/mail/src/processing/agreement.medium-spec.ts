import { agencies, agencyContacts, CaseRepository, EventRepository } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { startMailHarness, type MailHarness } from '../testing/mail-harness';
import {
  oneLine,
  raiseByEmail,
  sampleEscalationForm,
  type RaisedCase,
} from '../testing/sample-case';

/*
 * Issue 10, "Agreement", over SMTP. CONTRACT.md: "Who may close: `RESOLVED` from the raising
 * side closes; from the other side it proposes an outcome for the raising side to `AGREE`
 * to. `WITHDRAW` is the raising side's alone." Item 2: "An escalation's confirmation states
 * the reason given, not only the new stage; every confirmation quotes the command's text."
 */

const ASHA = 'asha.patel@school.example.org';
const DAN = 'dan.reed@school.example.org';
const SAM = 'sam.cole@council.example.gov.uk';
const HEAD_TEACHER = 'head@school.example.org';
const DUTY = 'duty.manager@council.example.gov.uk';

const form = sampleEscalationForm();

describe.each(testEngines())('agreement between the sides, over SMTP on %s', (engine) => {
  let mail: MailHarness;
  let ref: string;
  let raised: RaisedCase;

  beforeEach(async () => {
    mail = await startMailHarness(engine);
    raised = await raiseByEmail(mail, {
      raiser: `Asha Patel <${ASHA}>`,
      mailbox: 'nel@escalations.localhost',
      form,
      idPrefix: 'agreement',
    });
    ({ ref } = raised);
  }, 60_000);
  afterEach(() => mail.close());

  const reply = (from: string, text: string) => raised.reply(from, text);
  const stateOf = async () => (await new CaseRepository().findByRef(mail.database.db, ref))!.state;
  const latest = (address: string) => mail.world.latestBesidesLearningRequest(address)!;

  it("the other side's RESOLVED proposes the outcome to everyone; the raiser's AGREE closes the case with it", async () => {
    await reply(SAM, 'RESOLVED\nWe stand by the decision; a family support worker will visit.');
    const proposed = await stateOf();
    expect(proposed.status).toBe('open');
    expect(proposed.proposal).toMatchObject({
      text: 'We stand by the decision; a family support worker will visit.',
      by: SAM,
      stage: 1,
    });
    for (const person of [ASHA, DAN, SAM]) {
      const told = latest(person);
      expect(told.parsed.subject).toMatch(new RegExp(`^\\[${ref}\\] Outcome proposed`));
      const text = oneLine(told.parsed.text);
      expect(text).toContain(
        'Proposed outcome: We stand by the decision; a family support worker will visit.',
      );
      expect(text).toContain(
        'The side that raised the disagreement (Grange Primary School) may reply AGREE',
      );
      // the stage's deadline still runs: NEL stage 1, due by working day 2 (Wed 25 Nov)
      expect(text).toContain('Due by close of business on Wednesday 25 November 2026');
      expect(text).toContain('(RESOLVED, AGREE, ESCALATE');
    }

    await reply(ASHA, 'AGREE\nContent with this.');
    const agreed = await stateOf();
    expect(agreed).toMatchObject({
      status: 'resolved',
      closingText: 'We stand by the decision; a family support worker will visit.',
      proposal: null,
    });
    for (const person of [ASHA, DAN, SAM]) {
      const told = latest(person);
      expect(told.parsed.subject).toMatch(new RegExp(`^\\[${ref}\\] Outcome agreed`));
      const text = oneLine(told.parsed.text);
      expect(text).toContain(
        'Agreed outcome: We stand by the decision; a family support worker will visit.',
      );
      expect(text).toContain('Said on agreeing: Content with this.');
      expect(text).toContain(`Proposed by ${SAM}; agreed by ${ASHA}`);
      expect(text).toContain('The case is now closed (resolved)');
    }
    const events = await new EventRepository().listForCase(
      mail.database.db,
      (await new CaseRepository().findByRef(mail.database.db, ref))!.id,
    );
    expect(events.map((e) => [e.type, e.actor])).toEqual(
      expect.arrayContaining([
        ['outcome-proposed', SAM],
        ['resolved', ASHA],
      ]),
    );
  });

  it('the raiser may escalate instead: the confirmation states the reason given, and the proposal is superseded', async () => {
    await reply(SAM, 'RESOLVED\nWe stand by the decision.');
    await reply(DAN, 'ESCALATE\nThe decision leaves the child without an assessment.');
    const state = await stateOf();
    expect(state.status).toBe('open');
    expect(state.proposal).toBeNull();
    expect(state.stages.map((s) => s.outcome)).toEqual(['escalated', null]);
    for (const person of [ASHA, DAN, SAM]) {
      const text = oneLine(latest(person).parsed.text);
      expect(text).toContain('Escalated from stage 1 to stage 2.');
      expect(text).toContain('Reason given: The decision leaves the child without an assessment.');
      expect(text).toContain('this escalation supersedes it');
    }
    await reply(ASHA, 'AGREE');
    expect((await stateOf()).status).toBe('open');
    expect(oneLine(latest(ASHA).parsed.text)).toContain('no proposed outcome on this case');
  });

  it('refuses WITHDRAW and AGREE from the other side, saying whose they are, and changes nothing', async () => {
    await reply(SAM, 'WITHDRAW\nWe do not accept this challenge.');
    expect((await stateOf()).status).toBe('open');
    expect(oneLine(latest(SAM).parsed.text)).toContain(
      'WITHDRAW is for the side that raised the disagreement (Grange Primary School)',
    );
    await reply(SAM, 'RESOLVED\nWe stand by the decision.');
    await reply(SAM, 'AGREE');
    expect((await stateOf()).status).toBe('open');
    expect(oneLine(latest(SAM).parsed.text)).toContain(
      'AGREE is for the side that raised the disagreement (Grange Primary School)',
    );
  });

  it("speaks for a directory contact's own agency: the other agency's contact proposes, the raising agency's closes", async () => {
    const [school, council] = await mail.database.db
      .insert(agencies)
      .values([
        { policyId: 'nel', name: 'Grange Primary School' },
        { policyId: 'nel', name: "Children's Services" },
      ])
      .returning({ id: agencies.id });
    await mail.database.db.insert(agencyContacts).values([
      { agencyId: school!.id, stage: 2, email: HEAD_TEACHER },
      { agencyId: council!.id, stage: 2, email: DUTY },
    ]);
    await reply(DUTY, 'RESOLVED\nThe threshold was applied correctly.');
    expect((await stateOf()).status).toBe('open');
    await reply(HEAD_TEACHER, 'RESOLVED\nAn assessment is agreed after all.');
    expect(await stateOf()).toMatchObject({
      status: 'resolved',
      closingText: 'An assessment is agreed after all.',
    });
    const sides = Object.fromEntries((await stateOf()).participants.map((p) => [p.email, p.side]));
    expect(sides).toMatchObject({
      [ASHA]: 'raising',
      [DAN]: 'raising',
      [HEAD_TEACHER]: 'raising',
      [SAM]: 'other',
      [DUTY]: 'other',
    });
  });

  it('someone the raising side brings in while an outcome awaits agreement is offered AGREE, and may give it', async () => {
    const JO = 'jo.dsl@school.example.org';
    await reply(SAM, 'RESOLVED\nWe stand by the decision.');
    await reply(DAN, `NOTE\nAsking our DSL to look at this.\nNext contact: Jo Dsl <${JO}>`);
    const added = latest(JO);
    expect(added.parsed.subject).toContain('You have been added to this case');
    expect(oneLine(added.parsed.text)).toContain(
      'AGREE (the side that raised it) accept the outcome the other side proposed',
    );
    expect((await stateOf()).participants.find((p) => p.email === JO)?.side).toBe('raising');
    await reply(JO, 'AGREE');
    expect(await stateOf()).toMatchObject({
      status: 'resolved',
      closingText: 'We stand by the decision.',
    });
  });

  it('the breach notice says an outcome awaits agreement while the deadline runs on', async () => {
    await reply(SAM, 'RESOLVED\nWe stand by the decision.');
    // NEL stage 1 is due by working day 2: Wed 25 Nov 2026 at close of business.
    mail.clock.now = new Date('2026-11-25T17:01:00Z');
    const swept = await mail.casework.apply(
      ref,
      { kind: 'breach', stage: 1 },
      { kind: 'scheduler', id: 'scheduler', verified: true },
    );
    expect(swept.ok).toBe(true);
    await mail.drain();
    const breach = mail.world
      .inbox(ASHA)
      .find((message) => (message.parsed.subject ?? '').includes('Timescale missed at stage 1'));
    const text = oneLine(breach?.parsed.text);
    expect(text).toContain(
      `An outcome proposed by ${SAM} awaits the agreement of the side that raised the disagreement (Grange Primary School): We stand by the decision.`,
    );
    expect(text).toContain('that side replies AGREE');
  });

  it('every confirmation quotes the words of its command (EXTEND, NOTE)', async () => {
    await reply(SAM, 'NOTE\nI have asked the duty team to look again.');
    expect(oneLine(latest(ASHA).parsed.text)).toContain(
      'Note: I have asked the duty team to look again.',
    );
    await reply(DAN, 'EXTEND 2\nThe GP report is due on Thursday.');
    expect(oneLine(latest(SAM).parsed.text)).toContain(
      'Reason given: The GP report is due on Thursday.',
    );
  });
});
