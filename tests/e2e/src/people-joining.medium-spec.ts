import { testEngines } from '@escalations/db/testing';
import {
  CaseFlow,
  each,
  escalationForm,
  mailbox,
  mailTo,
  oneLine,
  person,
} from './support/case-flow';
import { startService, type RunningService } from './support/service';

/**
 * Acceptance, issue 10 item 3 "Whoever holds the stage can act": after NEL's breach rule
 * escalates on a missed deadline, the breach notice says how to bring in the person who now
 * holds the stage; the raiser's manager replies ADD naming them; they are told they are on
 * the case, what it is about (not the child's name in the subject) and how to act, and they
 * act. NEL, raised Tue 2 Mar 2027 10:00 GMT: D0 = Tue 2 Mar; stage 1 "Working Day 1-2" is
 * due D0 + 1 (Wed 3 Mar, 17:00); the sweep at D0 + 2 09:30 records the breach and moves the
 * case to stage 2.
 */

const RAISED = new Date('2027-03-02T10:00:00Z');
const CHILD = 'Child F (NHS 943 476 5919)';

jest.setTimeout(60_000);

describe.each(testEngines())('people joining a case, end to end by email, on %s', (engine) => {
  let service: RunningService;
  let flow: CaseFlow;
  const raiser = person('Priya Shah', 'priya.shah@riverside.nel.example');
  const manager = person('Tom Hart', 'tom.hart@riverside.nel.example');
  const other = person('Ben Ford', 'ben.ford@council.nel.example');
  const dsl = person('Nina Ward', 'nina.ward@riverside.nel.example');

  beforeAll(async () => {
    service = await startService(engine, RAISED);
    flow = new CaseFlow(service, 'nel', 'england-and-wales');
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
  });

  it('raises the case; the breach rule moves it to stage 2 and the breach notice says how to bring the new holder in', async () => {
    await flow.raise(
      raiser,
      RAISED,
      escalationForm({
        caseName: CHILD,
        agency: 'Riverside Primary School',
        otherAgency: "Children's Services",
        disagreement: 'The referral was closed without an assessment.',
        category: 'referral thresholds',
        manager,
        otherPractitioner: other,
        outcomeSought: 'A strategy discussion this week.',
      }),
    );
    const { report, delivered } = await flow.sweep(flow.at(2, '09:30'));
    expect(report).toMatchObject({ failed: [], breaches: [`${flow.ref} stage 1`] });
    expect(delivered).toMatchObject(each([raiser, manager, other], ['breach:1']));
    const breach = oneLine(flow.latestTo(manager.email).text);
    expect(breach).toContain('the case is now at stage 2');
    expect(breach).toContain('To bring in whoever now holds stage 2, reply ADD with their name');
  });

  it('ADD brings in the new holder, who is told what the case is about and how to act', async () => {
    const delivered = await flow.reply(
      manager,
      flow.at(2, '10:00'),
      `ADD\n${mailbox(dsl)}\nRole: Designated Safeguarding Lead\n\nNina holds stage 2 for the school.`,
    );
    expect(delivered).toEqual(
      mailTo(each([raiser, manager, other, dsl], ['people-added:2']), each([dsl], ['added:2'])),
    );
    const welcome = flow.mailOf(dsl.email).find((mail) => mail.kind === 'added:2')!;
    expect(welcome.subject).not.toContain('Child F');
    expect(welcome.subject.length).toBeLessThan(100);
    const text = oneLine(welcome.text);
    expect(text).toContain(`${manager.email} has added you to ${flow.ref}`);
    expect(text).toContain(
      'Nina Ward <nina.ward@riverside.nel.example>, Designated Safeguarding Lead',
    );
    expect(text).toContain(`Case: ${CHILD}`);
    expect(text).toContain('Stage 2: Organisation safeguarding representative');
    expect(text).toContain('ESCALATE the reason it cannot be resolved at this stage');
    const participant = (await flow.case()).participants.find((p) => p.email === dsl.email);
    expect(participant).toMatchObject({ role: 'added', roleTitle: 'Designated Safeguarding Lead' });
  });

  it('the person brought in acts on the case', async () => {
    const delivered = await flow.reply(
      dsl,
      flow.at(2, '11:00'),
      'NOTE\nI have the file and will speak to Children’s Services today.',
    );
    expect(delivered).toEqual(each([raiser, manager, other, dsl], ['noted:2']));
  });
});
