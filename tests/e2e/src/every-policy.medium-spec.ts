import { testEngines } from '@escalations/db/testing';
import type { EventView, StageView } from './support/api';
import {
  CaseFlow,
  each,
  escalationForm,
  mailbox,
  mailTo,
  oneLine,
  person,
  type Person,
} from './support/case-flow';
import { PARTNERSHIP, startService, type RunningService } from './support/service';
import { unfoundedAttachmentClaims } from './support/attachment-claims';
import { pdfText } from '@escalations/casework/testing';
import { longDate } from './support/working-days';

/**
 * Acceptance: the whole service as `npm start` runs it (API with the deadline scheduler,
 * SMTP intake, processor, outbox sender, one database), driven as its users drive it. For
 * each of the five policies one case is raised by email over SMTP, moved through every
 * stage by email replies and by the scheduler (the clock moved by the test, sweeps through
 * POST /api/v1/scheduler/run), and closed; then the mail each person received, the case's
 * stages, its audit trail and the timeliness report are checked against dates worked out
 * independently (support/working-days.ts reads only the calendars' lists of dates).
 *
 * Time: every role reads one clock, which the test sets; nothing waits for time to pass.
 * Each case is raised at a fixed instant (RAISED below: the service dates a message by its
 * clock when it arrives), chosen so that the flows between them meet a change of the
 * clocks, Christmas, Easter and Guernsey's Liberation Day. D0 is the raise's start day;
 * every later step happens at a local time on D0 + n working days, `flow.at(n, 'hh:mm')`.
 * Each policy's table gives its dates as D0 + n, worked out by hand from the calendars, and
 * its first test checks the helper's dates against them.
 *
 * The five flows run one after another in one service per engine, in the order of their
 * dates, so the clock only moves forward; each case is closed before the next is raised,
 * so no sweep of one flow can touch another's case. The Monday digest (to every
 * partnership, whatever the flow) is left out of each step's mail and checked on its own
 * in chew-stoke's flow.
 */

/** When each case is raised: the flows run in this order. */
const RAISED = {
  // Thu 22 Oct 2026 16:30 BST; the clocks go back on Sun 25 Oct.
  'south-glos': new Date('2026-10-22T15:30:00Z'),
  // Tue 24 Nov 2026 10:00 GMT; the case runs past Christmas.
  nel: new Date('2026-11-24T10:00:00Z'),
  // Fri 8 Jan 2027 17:30 GMT: after close of business, so D0 is Monday 11 January.
  'chew-stoke': new Date('2027-01-08T17:30:00Z'),
  // Mon 22 Mar 2027 10:00 GMT; Easter, then the clocks go forward on Sun 28 Mar.
  kirklees: new Date('2027-03-22T10:00:00Z'),
  // Fri 5 May 2028 10:00 BST; Liberation Day, Tue 9 May, is a holiday in Guernsey only.
  islands: new Date('2028-05-05T09:00:00Z'),
};

/** The events of a case as `type stage actor` lines, oldest first. */
const trail = (events: EventView[]) =>
  events.map((event) => `${event.type} ${event.stage} ${event.actor}`);

/** What the suite checks of each stage of GET /cases/:ref. */
const stageRecord = (stage: StageView) => ({
  number: stage.number,
  enteredBy: stage.enteredBy,
  startedAt: stage.startedAt,
  startDate: stage.startDate,
  dueDate: stage.dueDate,
  dueAt: stage.dueAt,
  policyDueDate: stage.policyDueDate,
  extensions: stage.extensions.map((e) => `${e.fromDueDate} -> ${e.dueDate} (${e.agreedBy})`),
  breaches: stage.breaches.map((b) => `${b.dueDate} at ${b.at}`),
  completedAt: stage.completedAt,
  outcome: stage.outcome,
  workingDaysTaken: stage.workingDaysTaken,
});

const iso = (at: Date) => at.toISOString();

/** The report figures of one stage, in the order GET /reports/timeliness gives them. */
const figures = (
  stage: number,
  title: string,
  [entered, resolvedAt, breached, escalated]: [number, number, number, number],
  medianWorkingDays: number | null,
) => ({ stage, title, entered, resolvedAt, breached, escalated, medianWorkingDays });

const closedCounts = (status: 'resolved' | 'decided', onTimeRate: number | null) => ({
  cases: 1,
  open: 0,
  resolved: status === 'resolved' ? 1 : 0,
  withdrawn: 0,
  decided: status === 'decided' ? 1 : 0,
  onTimeRate,
});

/**
 * The acknowledgement, as each person on the case got it: the reference and stage in the
 * subject but never the child's or adult's name, which is in the body; stage 1's due date
 * (or no fixed timescale); a signed Reply-To naming the case.
 */
function expectAcknowledgements(
  flow: CaseFlow,
  people: Person[],
  caseName: string,
  due: string | null,
): void {
  for (const who of people) {
    const ack = flow.mailOf(who.email).find((mail) => mail.kind === 'ack:1')!;
    expect(ack.subject).toMatch(new RegExp(`^\\[${flow.ref}\\] Escalation received: stage 1 of `));
    expect(ack.subject).not.toContain(caseName);
    expect(ack.text).toContain(`Case: ${caseName}`);
    expect(oneLine(ack.text)).toContain(
      due
        ? `Due by close of business on ${longDate(due)} (${due}).`
        : 'This policy sets no fixed timescale',
    );
    expect(ack.replyTo).toMatch(
      new RegExp(
        `^${flow.policyId}\\+${flow.ref.toLowerCase()}\\.[a-z0-9]+@escalations\\.localhost$`,
      ),
    );
  }
}

/**
 * Every address that got mail about the case, and what, in the order it arrived: the order
 * the service queued it (the outbox sends "in the order the mail was queued"), including
 * the messages one change queues together, such as a breach notice and the request for a
 * rationale or a timescale that follows from it.
 */
function expectMailOfTheWholeCase(flow: CaseFlow, expected: Record<string, string[]>): void {
  const everyone = [...new Set(flow.steps.flatMap((step) => Object.keys(step)))].sort();
  expect(everyone).toEqual(Object.keys(expected).sort());
  for (const [address, kinds] of Object.entries(expected))
    expect({ address, kinds: flow.received(address) }).toEqual({ address, kinds });
}

// A flow's test may take several steps, each up to two seconds of the mail loops' polling.
jest.setTimeout(60_000);

describe.each(testEngines())('every policy, end to end by email, on %s', (engine) => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService(engine, RAISED['south-glos']);
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
  });

  /**
   * south-glos (policies/south-glos.yaml): England and Wales, cumulative "within N working
   * days" of the outset (due on D0 + N); a breach asks for an agreed timescale. A stage
   * entered on or after its own cumulative due date gets its own span instead (late entry:
   * its start day + the difference from the stage before).
   *
   * Raised Thu 22 Oct 2026 16:30 BST, before close of business: D0 = Thu 22 Oct. D0 + 1 = Fri
   * 23, + 2 = Mon 26 (the clocks went back on Sun 25: close of business is 17:00Z from here,
   * 16:00Z before), + 3 = Tue 27, + 4 = Wed 28, + 5 = Thu 29, + 6 = Fri 30 Oct, + 7 = Mon 2 Nov.
   *
   * | stage | title (shortened)                                  | within | entered                  | due                                   | date                    |
   * |-------|----------------------------------------------------|--------|--------------------------|---------------------------------------|-------------------------|
   * | 1     | Identifying the Concern – worker to worker         | 1      | the raise (D0)           | D0 + 1                                | Fri 23 Oct (16:00Z)     |
   * | 2     | … – manager to manager                             | 2      | ESCALATE at D0 + 1 09:30 | D0 + 2; EXTEND 2 at D0 + 3 → D0 + 4   | Mon 26 Oct → Wed 28 Oct |
   * | 3     | … – senior manager to senior manager               | 3      | ESCALATE at D0 + 4 11:00 | late entry: D0 + 4 + (3 - 2) = D0 + 5 | Thu 29 Oct              |
   * | 4     | Refer concern to safeguarding board representative | 5      | ESCALATE at D0 + 5 10:00 | late entry: D0 + 5 + (5 - 3) = D0 + 7 | Mon 2 Nov               |
   *
   * Stage 2 is swept at D0 + 2 17:01 (breach, timescale asked for), extended at D0 + 3
   * 10:00; RESOLVED at stage 4 at D0 + 6 14:00.
   */
  describe('south-glos: a breach asks for an agreed timescale, EXTEND moves it; resolved at stage 4', () => {
    const raiser = person('Grace Obi', 'grace.obi@hillside.sglos.example');
    const manager = person('Liam Webb', 'liam.webb@hillside.sglos.example');
    const other = person('Ana Silva', 'ana.silva@adults.sglos.example');
    const senior = person('Claire Dunn', 'claire.dunn@adults.sglos.example');
    const representative = person('Mark Evans', 'mark.evans@sgsab-member.sglos.example');
    const serviceManager = PARTNERSHIP['south-glos'].strategicSafeguardingServiceManager;
    const ADULT = 'Mr C (NHS 401 023 2137)';
    let flow: CaseFlow;

    beforeAll(() => {
      flow = new CaseFlow(service, 'south-glos', 'england-and-wales');
    });

    it('acknowledges the emailed escalation, stage 1 due within 1 working day', async () => {
      const delivered = await flow.raise(
        raiser,
        RAISED['south-glos'],
        escalationForm({
          caseName: ADULT,
          agency: 'Hillside Care Home',
          otherAgency: 'Adult Social Care',
          disagreement: 'The care package was reduced without a review.',
          category: 'provision-of-services',
          manager,
          otherPractitioner: other,
          outcomeSought: 'A review of the care package.',
        }),
      );
      expect(flow.ref).toBe('SGSAB-2026-0001');
      // The table's dates, worked out by hand, against the helper's.
      expect(iso(flow.raisedAt)).toBe('2026-10-22T15:30:00.000Z');
      expect([0, 1, 2, 4, 5, 7].map((n) => flow.day(n))).toEqual([
        '2026-10-22',
        '2026-10-23',
        '2026-10-26',
        '2026-10-28',
        '2026-10-29',
        '2026-11-02',
      ]);
      expect([flow.dueAt(1), flow.dueAt(2)]).toEqual([
        '2026-10-23T16:00:00.000Z',
        '2026-10-26T17:00:00.000Z',
      ]);
      expect(delivered).toEqual(each([raiser, manager, other], ['ack:1']));
      expectAcknowledgements(flow, [raiser, manager, other], ADULT, flow.day(1));
    });

    it('escalates to stage 2 by email', async () => {
      const delivered = await flow.reply(
        raiser,
        flow.at(1, '09:30'),
        'ESCALATE\nThe worker to worker discussion did not resolve it.',
      );
      expect(delivered).toEqual(each([raiser, manager, other], ['escalated:2']));
    });

    it('asks for an agreed timescale when stage 2 runs out, and stays at stage 2', async () => {
      const { report, delivered } = await flow.sweep(flow.at(2, '17:01'));
      expect(report).toMatchObject({
        failed: [],
        reminders: [],
        breaches: [`${flow.ref} stage 2`],
      });
      expect(delivered).toEqual(
        mailTo(
          each([raiser, manager, other], ['breach:2', 'timescale-request:2']),
          each([serviceManager], ['breach:2']),
        ),
      );
      const breach = flow.mailOf(manager.email).find((mail) => mail.kind === 'breach:2')!;
      expect(oneLine(breach.text)).toContain('Please agree a timescale and reply EXTEND');
      expect(oneLine(breach.text)).not.toContain('the case is now at stage');
      const now = await flow.case();
      expect(now.currentStage).toBe(2);
      expect(now.stages[1]!.completedAt).toBeNull();
    });

    it('moves the due date by an EXTEND reply: two more working days from the date in force', async () => {
      const delivered = await flow.reply(
        other,
        flow.at(3, '10:00'),
        'EXTEND 2\nBoth managers agreed two more working days to obtain the care records.',
      );
      expect(delivered).toEqual(each([raiser, manager, other], ['extended:2']));
      expect(oneLine(flow.latestTo(raiser.email).text)).toContain(
        `Due by close of business on ${longDate(flow.day(4))} (${flow.day(4)})`,
      );
    });

    it('escalates to stages 3 and 4, each notified to the strategic safeguarding service manager; stage 3, entered after its cumulative due date, is overdue on entry', async () => {
      const toStage3 = await flow.reply(
        manager,
        flow.at(4, '11:00'),
        `ESCALATE\nThe managers still disagree.\nNext contact: ${mailbox(senior)}`,
      );
      expect(toStage3).toEqual(
        mailTo(
          each([raiser, manager, other, senior], ['escalated:3']),
          // the next contact is also told what the case is about and how to act
          each([senior], ['added:3']),
          each([serviceManager], ['notice:3', 'breach:3']),
        ),
      );
      // Stage 3 was due on D0+3 (POLICIES.md: cumulative dates never move to hide lateness):
      // the confirmation says so and asks for an agreed timescale.
      const confirmation = oneLine(
        flow.mailOf(senior.email).find((mail) => mail.kind === 'escalated:3')!.text,
      );
      expect(confirmation).toContain('it is overdue on entry, and the breach is recorded');
      expect(confirmation).toContain('Please agree a timescale');
      // The senior manager completes the Monitoring Form by email (issue 11): FORM, then the
      // form's own labels; answered with the form so far.
      const formFilled = await flow.reply(
        senior,
        flow.at(4, '15:00'),
        'FORM\nInitiating manager: designation: Head of Adult Services\nAdditional Notes: Met on the phone;\nthe review date is still not agreed.',
      );
      expect(formFilled).toEqual(mailTo(each([senior], ['form'])));
      expect(flow.latestTo(senior.email).text).toContain(
        'Additional Notes:\n  Met on the phone;\n  the review date is still not agreed.',
      );
      const toStage4 = await flow.reply(
        senior,
        flow.at(5, '10:00'),
        `ESCALATE\nThe senior managers could not agree; the Monitoring Form is attached.\nNext contact: ${mailbox(representative)}`,
      );
      expect(toStage4).toEqual(
        mailTo(
          each([raiser, manager, other, senior, representative], ['escalated:4']),
          each([representative], ['added:4']),
          each([serviceManager], ['notice:4']),
        ),
      );
      // the copy of the Monitoring Form sent with stage 4's notice carries what was sent
      const notice = flow.mailOf(serviceManager).find((mail) => mail.kind === 'notice:4')!;
      const form = await pdfText(notice.attachments[0]!.content);
      expect(form).toContain(`Form ID: ${flow.ref}`);
      expect(form).toContain('Head of Adult Services');
      expect(form).toContain('the review date is still not agreed.');
    });

    it('closes RESOLVED at stage 4, confirmed to everyone with what is outstanding', async () => {
      const outcome = 'Agreed: a joint review of the care package on Monday.';
      const delivered = await flow.reply(
        representative,
        flow.at(6, '14:00'),
        `RESOLVED\n${outcome}\nOutstanding: Monitoring form to the Strategic Safeguarding Service Manager`,
      );
      expect(delivered).toEqual(
        mailTo(
          each([raiser, manager, other, senior, representative], ['resolved:4']),
          // Stage 4's notice on resolving, with the monitoring form.
          each([serviceManager], ['notice:4']),
        ),
      );
      for (const who of [raiser, manager, other, senior, representative]) {
        const confirmation = oneLine(flow.latestTo(who.email).text);
        expect(confirmation).toContain(outcome);
        expect(confirmation).toContain(
          'Outstanding: - Monitoring form to the Strategic Safeguarding Service Manager',
        );
        expect(confirmation).toContain('The case is now closed (resolved)');
      }
      expect(await flow.case()).toMatchObject({
        status: 'resolved',
        closedAt: iso(flow.at(6, '14:00')),
        closingText: outcome,
        outstanding: ['Monitoring form to the Strategic Safeguarding Service Manager'],
      });
    });

    it('sent each person the mail their part called for, in order', () => {
      const fromTheStart = [
        'ack:1',
        'escalated:2',
        'breach:2',
        'timescale-request:2',
        'extended:2',
      ];
      expectMailOfTheWholeCase(flow, {
        [raiser.email]: [...fromTheStart, 'escalated:3', 'escalated:4', 'resolved:4'],
        [manager.email]: [...fromTheStart, 'escalated:3', 'escalated:4', 'resolved:4'],
        [other.email]: [...fromTheStart, 'escalated:3', 'escalated:4', 'resolved:4'],
        // a next contact also gets a message of their own on joining (issue 10, item 3)
        [senior.email]: ['escalated:3', 'added:3', 'form', 'escalated:4', 'resolved:4'],
        [representative.email]: ['escalated:4', 'added:4', 'resolved:4'],
        [serviceManager]: ['breach:2', 'notice:3', 'breach:3', 'notice:4', 'notice:4'],
      });
    });

    it("keeps each stage's dates: the extension on record, cumulative dates unmoved, the late entry breached at entry", async () => {
      const stages = (await flow.case()).stages.map(stageRecord);
      const plain = { extensions: [], breaches: [] };
      expect(stages).toEqual([
        {
          ...plain,
          number: 1,
          enteredBy: 'raise',
          startedAt: iso(flow.raisedAt),
          startDate: flow.day(0),
          dueDate: flow.day(1),
          policyDueDate: flow.day(1),
          dueAt: flow.dueAt(1),
          completedAt: iso(flow.at(1, '09:30')),
          outcome: 'escalated',
          workingDaysTaken: 1,
        },
        {
          number: 2,
          enteredBy: 'escalation',
          startedAt: iso(flow.at(1, '09:30')),
          startDate: flow.day(0),
          dueDate: flow.day(4),
          policyDueDate: flow.day(2),
          dueAt: flow.dueAt(4),
          extensions: [`${flow.day(2)} -> ${flow.day(4)} (${other.email})`],
          breaches: [`${flow.day(2)} at ${flow.dueAt(2)}`],
          completedAt: iso(flow.at(4, '11:00')),
          outcome: 'escalated',
          workingDaysTaken: 3,
        },
        {
          ...plain,
          number: 3,
          enteredBy: 'escalation',
          startedAt: iso(flow.at(4, '11:00')),
          startDate: flow.day(0),
          dueDate: flow.day(3),
          policyDueDate: flow.day(3),
          dueAt: flow.dueAt(3),
          breaches: [`${flow.day(3)} at ${iso(flow.at(4, '11:00'))}`],
          completedAt: iso(flow.at(5, '10:00')),
          outcome: 'escalated',
          workingDaysTaken: 1,
        },
        {
          ...plain,
          number: 4,
          enteredBy: 'escalation',
          startedAt: iso(flow.at(5, '10:00')),
          startDate: flow.day(0),
          dueDate: flow.day(5),
          policyDueDate: flow.day(5),
          dueAt: flow.dueAt(5),
          completedAt: iso(flow.at(6, '14:00')),
          outcome: 'resolved',
          workingDaysTaken: 1,
        },
      ]);
    });

    it('keeps the audit trail', async () => {
      const events = await flow.api.events(flow.ref);
      expect(trail(events)).toEqual([
        `case-raised 1 ${raiser.email}`,
        `participant-added 1 ${raiser.email}`,
        `participant-added 1 ${raiser.email}`,
        `participant-added 1 ${raiser.email}`,
        `stage-entered 1 ${raiser.email}`,
        `escalated 1 ${raiser.email}`,
        `stage-entered 2 ${raiser.email}`,
        'stage-breached 2 scheduler',
        `extended 2 ${other.email}`,
        `escalated 2 ${manager.email}`,
        `participant-added 3 ${manager.email}`,
        `stage-entered 3 ${manager.email}`,
        `stage-breached 3 ${manager.email}`,
        `form-filled 3 ${senior.email}`,
        `escalated 3 ${senior.email}`,
        `participant-added 4 ${senior.email}`,
        `stage-entered 4 ${senior.email}`,
        `resolved 4 ${representative.email}`,
      ]);
      const breach = events.find((event) => event.type === 'stage-breached')!;
      expect([breach.at, breach.data['rule']]).toEqual([flow.dueAt(2), 'ask-agreed-timescale']);
      expect(events.find((event) => event.type === 'extended')!.data).toMatchObject({
        fromDueDate: flow.day(2),
        dueDate: flow.day(4),
        dueAt: flow.dueAt(4),
      });
      expect(
        events
          .filter((event) => event.type === 'stage-entered')
          .map((event) => [event.stage, event.data['dueDate'], event.data['basis']]),
      ).toEqual([
        [1, flow.day(1), 'cumulative'],
        [2, flow.day(2), 'cumulative'],
        [3, flow.day(3), 'cumulative'],
        [4, flow.day(5), 'cumulative'],
      ]);
    });

    it('reports the timeliness of the case', async () => {
      const report = await flow.api.timeliness('south-glos');
      // Working days: 1, 3 (D0+1 → D0+4), 1, 1. Stage 2 was breached before its extension,
      // stage 3 was overdue on entry, and stage 4 (due D0+5, its date unmoved) was resolved on
      // D0+6: 1 of 4 on time.
      expect(report.stages).toEqual([
        figures(1, 'Identifying the Concern – worker to worker', [1, 0, 0, 1], 1),
        figures(
          2,
          'Discussing the concern between services or agencies – manager to manager',
          [1, 0, 1, 1],
          3,
        ),
        figures(
          3,
          'Raising concern between line management – senior manager to senior manager',
          [1, 0, 1, 1],
          1,
        ),
        figures(4, 'Refer concern to safeguarding board representative (SGSAB)', [1, 1, 0, 0], 1),
      ]);
      expect(report.overall).toEqual(closedCounts('resolved', 0.25));
    });
  });

  /**
   * nel (policies/nel.yaml): England and Wales, cumulative "by working day K" from the raise
   * (the raise day is day 1, so due on D0 + K - 1); overall 22 working days; a breach
   * escalates. Partnership contact: the business manager.
   *
   * Raised Tue 24 Nov 2026 10:00 GMT: D0 = Tue 24 Nov. D0 + n runs Wed 25, Thu 26, Fri 27,
   * Mon 30 Nov, Tue 1 ... Fri 4, Mon 7 ... Fri 11, Mon 14 ... Fri 18, Mon 21 ... Thu 24 Dec
   * (D0 + 22), then Tue 29 Dec (D0 + 23: Christmas Day and the Boxing Day substitute, Mon 28,
   * are bank holidays).
   *
   * | stage | title                                                        | by day | entered                            | due     | date               |
   * |-------|--------------------------------------------------------------|--------|------------------------------------|---------|--------------------|
   * | 1     | Practitioner to line manager, then to the other practitioner | 2      | the raise (D0)                     | D0 + 1  | Wed 25 Nov         |
   * | 2     | Organisation safeguarding representative                     | 8      | ESCALATE (manager) at D0 + 1 10:00 | D0 + 7  | Thu 3 Dec          |
   * | 3     | Head of Service                                              | 11     | breach of 2 at D0 + 7 17:00        | D0 + 10 | Tue 8 Dec          |
   * | 4     | Assistant Director                                           | 15     | ESCALATE (DSL) at D0 + 9 10:00     | D0 + 14 | Mon 14 Dec         |
   * | 5     | NEL SCP / SAB Chair                                          | 22     | ESCALATE (AD) at D0 + 12 10:00     | D0 + 21 | Wed 23 Dec         |
   *
   * Stage 2's reminder at 09:00 on D0 + 6. Stage 5 and the overall limit (D0 + 21) run out
   * together: swept at D0 + 22 10:00 (Thu 24 Dec); the Chair's DECISION at D0 + 23 11:00
   * (Tue 29 Dec, after Christmas and the Boxing Day substitute). The Chair's recommendation,
   * "within 5 days of the notification" (read as working days), a step of stage 5 with its
   * own date: due D0 + 17 (Thu 17 Dec), five working days after stage 5 began; nobody sent
   * RECOMMEND, so the same sweep sends its breach notice first, dated at its due instant.
   */
  describe('nel: reminder, breach escalation, the overall limit, the Chair decides', () => {
    const raiser = person('Priya Shah', 'priya.shah@riverside.nel.example');
    const manager = person('Tom Hart', 'tom.hart@riverside.nel.example');
    const other = person('Ben Ford', 'ben.ford@council.nel.example');
    const dsl = person('Nina Ward', 'nina.ward@riverside.nel.example');
    const director = person('Ruth Bell', 'ruth.bell@council.nel.example');
    const businessManager = PARTNERSHIP.nel.businessManager;
    const chair = person('NEL SCP Chair', PARTNERSHIP.nel.chair);
    const CHILD = 'Child B (NHS 943 476 5919)';
    let flow: CaseFlow;

    beforeAll(() => {
      flow = new CaseFlow(service, 'nel', 'england-and-wales');
    });

    it('acknowledges the emailed escalation, stage 1 due by working day 2 (D0 + 1)', async () => {
      const delivered = await flow.raise(
        raiser,
        RAISED.nel,
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
      expect(flow.ref).toBe('NEL-2026-0001');
      expect([0, 1, 6, 7, 9, 10, 12, 14, 21, 22, 23].map((n) => flow.day(n))).toEqual([
        '2026-11-24',
        '2026-11-25',
        '2026-12-02',
        '2026-12-03',
        '2026-12-07',
        '2026-12-08',
        '2026-12-10',
        '2026-12-14',
        '2026-12-23',
        '2026-12-24',
        '2026-12-29',
      ]);
      expect(delivered).toEqual(each([raiser, manager, other], ['ack:1']));
      expectAcknowledgements(flow, [raiser, manager, other], CHILD, flow.day(1));
    });

    it('escalates by email to the organisation safeguarding representative', async () => {
      const delivered = await flow.reply(
        manager,
        flow.at(1, '10:00'),
        `ESCALATE\nWe could not agree with Children's Services.\nNext contact: ${mailbox(dsl)}`,
      );
      expect(delivered).toEqual(
        mailTo(each([raiser, manager, other, dsl], ['escalated:2']), each([dsl], ['added:2'])),
      );
      expect(oneLine(flow.latestTo(dsl.email).text)).toContain(
        `Due by close of business on ${longDate(flow.day(7))} (${flow.day(7)})`,
      );
    });

    it('reminds at 09:00 the working day before, then escalates stage 2 when it runs out', async () => {
      const reminder = await flow.sweep(flow.at(6, '09:30'));
      expect(reminder.report).toMatchObject({
        failed: [],
        reminders: [`${flow.ref} stage 2`],
        breaches: [],
      });
      expect(reminder.delivered).toEqual(each([raiser, manager, other, dsl], ['reminder:2']));

      const { report, delivered } = await flow.sweep(flow.at(7, '17:01'));
      expect(report).toMatchObject({
        failed: [],
        reminders: [],
        breaches: [`${flow.ref} stage 2`],
      });
      expect(delivered).toEqual(
        mailTo(
          each([raiser, manager, other, dsl], ['breach:2']),
          each([businessManager], ['breach:2']),
        ),
      );
      // Cumulative: stage 3 starts at stage 2's due instant, due by working day 11 all the same.
      expect(oneLine(flow.latestTo(dsl.email).text)).toContain(
        `the case is now at stage 3 (Head of Service), due by close of business on ${longDate(flow.day(10))}`,
      );
    });

    it('escalates by email to the Assistant Director, then to the Chair', async () => {
      const toStage4 = await flow.reply(
        dsl,
        flow.at(9, '10:00'),
        `ESCALATE\nThe Head of Service stage made no progress.\nNext contact: ${mailbox(director)}`,
      );
      expect(toStage4).toEqual(
        mailTo(
          each([raiser, manager, other, dsl, director], ['escalated:4']),
          each([director], ['added:4']),
        ),
      );

      const toStage5 = await flow.reply(
        director,
        flow.at(12, '10:00'),
        'ESCALATE\nReferred to the NEL SCP Chair; the detail is with the business manager.',
      );
      expect(toStage5).toEqual(
        mailTo(
          each([raiser, manager, other, dsl, director], ['escalated:5']),
          each([businessManager], ['notice:5']),
        ),
      );
    });

    it('records stage 5 and the overall limit running out together, in that order', async () => {
      const { report, delivered } = await flow.sweep(flow.at(22, '10:00'));
      expect(report).toMatchObject({
        failed: [],
        reminders: [],
        breaches: [`${flow.ref} stage 5`],
        overallLimits: [flow.ref],
        stepReminders: [],
        stepBreaches: [`${flow.ref} stage 5 chair-recommendation`],
      });
      // The final stage cannot escalate: a rationale is asked for instead.
      expect(delivered).toEqual(
        mailTo(
          each(
            [raiser, manager, other, dsl, director],
            ['step-breach:5', 'breach:5', 'rationale-request:5', 'overall-breach'],
          ),
          each([chair], ['step-breach:5']),
          each([businessManager], ['step-breach:5', 'breach:5', 'overall-breach']),
        ),
      );
      const step = flow.mailOf(chair.email).find((mail) => mail.kind === 'step-breach:5')!;
      expect(oneLine(step.text)).toContain(
        `The Chair's recommendation of the most appropriate way to proceed, at stage 5 (NEL SCP / SAB Chair) of ${flow.ref}, was due by close of business on ${longDate(flow.day(17))} and has not been recorded.`,
      );
      // the case view shows the step: its own due date, and when it was missed
      expect((await flow.case()).stages[4]!.steps).toEqual([
        expect.objectContaining({
          id: 'chair-recommendation',
          title: "The Chair's recommendation of the most appropriate way to proceed",
          who: 'partnership.chair',
          reply: 'RECOMMEND',
          dueDate: flow.day(17),
          dueAt: flow.dueAt(17),
          breachedAt: flow.dueAt(17),
          completedAt: null,
        }),
      ]);
      const overall = flow.mailOf(raiser.email).find((mail) => mail.kind === 'overall-breach')!;
      expect(oneLine(overall.text)).toContain(
        `was due to be completed by close of business on ${longDate(flow.day(21))} (22 working days from the raise)`,
      );
    });

    it("closes with the Chair's DECISION, sent with [REF] in the subject", async () => {
      const decision = 'The Chair recommends an independent review of the referral decision.';
      const delivered = await flow.write(
        chair,
        flow.at(23, '11:00'),
        `Chair's recommendation [${flow.ref}]`,
        `DECISION\n${decision}`,
      );
      expect(delivered).toEqual(
        each([raiser, manager, other, dsl, director, chair], ['decided:5']),
      );
      expect(await flow.case()).toMatchObject({
        status: 'decided',
        closedAt: iso(flow.at(23, '11:00')),
        closingText: decision,
        overallDueDate: flow.day(21),
        overallDueAt: flow.dueAt(21),
        overallBreachedAt: flow.dueAt(21),
      });
    });

    it('sent each person the mail their part called for, in order', () => {
      const onTheCase = [
        'escalated:2',
        'reminder:2',
        'breach:2',
        'escalated:4',
        'escalated:5',
        // The Chair's recommendation fell due first; then one change queued the breach and the
        // request for a rationale; the overall limit was the sweep's next change.
        'step-breach:5',
        'breach:5',
        'rationale-request:5',
        'overall-breach',
        'decided:5',
      ];
      expectMailOfTheWholeCase(flow, {
        [raiser.email]: ['ack:1', ...onTheCase],
        [manager.email]: ['ack:1', ...onTheCase],
        [other.email]: ['ack:1', ...onTheCase],
        // a next contact also gets a message of their own on joining (issue 10, item 3)
        [dsl.email]: ['escalated:2', 'added:2', ...onTheCase.slice(1)],
        [director.email]: ['escalated:4', 'added:4', ...onTheCase.slice(4)],
        [chair.email]: ['step-breach:5', 'decided:5'],
        [businessManager]: ['breach:2', 'notice:5', 'step-breach:5', 'breach:5', 'overall-breach'],
      });
    });

    it("keeps each stage's dates, counted from the raise", async () => {
      const stages = (await flow.case()).stages.map(stageRecord);
      const plain = { extensions: [], breaches: [] };
      // Cumulative: every stage's clock is the raise's, so startDate is D0 throughout.
      const due = (n: number) => ({
        startDate: flow.day(0),
        dueDate: flow.day(n),
        policyDueDate: flow.day(n),
        dueAt: flow.dueAt(n),
      });
      expect(stages).toEqual([
        {
          ...plain,
          ...due(1),
          number: 1,
          enteredBy: 'raise',
          startedAt: iso(flow.raisedAt),
          completedAt: iso(flow.at(1, '10:00')),
          outcome: 'escalated',
          workingDaysTaken: 1,
        },
        {
          ...plain,
          ...due(7),
          number: 2,
          enteredBy: 'escalation',
          startedAt: iso(flow.at(1, '10:00')),
          breaches: [`${flow.day(7)} at ${flow.dueAt(7)}`],
          completedAt: flow.dueAt(7),
          outcome: 'escalated',
          workingDaysTaken: 6,
        },
        {
          ...plain,
          ...due(10),
          number: 3,
          enteredBy: 'breach',
          startedAt: flow.dueAt(7),
          completedAt: iso(flow.at(9, '10:00')),
          outcome: 'escalated',
          workingDaysTaken: 2,
        },
        {
          ...plain,
          ...due(14),
          number: 4,
          enteredBy: 'escalation',
          startedAt: iso(flow.at(9, '10:00')),
          completedAt: iso(flow.at(12, '10:00')),
          outcome: 'escalated',
          workingDaysTaken: 3,
        },
        {
          ...plain,
          ...due(21),
          number: 5,
          enteredBy: 'escalation',
          startedAt: iso(flow.at(12, '10:00')),
          breaches: [`${flow.day(21)} at ${flow.dueAt(21)}`],
          completedAt: iso(flow.at(23, '11:00')),
          outcome: 'decided',
          workingDaysTaken: 11,
        },
      ]);
    });

    it('keeps the audit trail, breaches and the overall limit dated at their due instants', async () => {
      const events = await flow.api.events(flow.ref);
      expect(trail(events)).toEqual([
        `case-raised 1 ${raiser.email}`,
        `participant-added 1 ${raiser.email}`,
        `participant-added 1 ${raiser.email}`,
        `participant-added 1 ${raiser.email}`,
        `stage-entered 1 ${raiser.email}`,
        `escalated 1 ${manager.email}`,
        `participant-added 2 ${manager.email}`,
        `stage-entered 2 ${manager.email}`,
        'reminder-due 2 scheduler',
        'stage-breached 2 scheduler',
        'escalated 2 scheduler',
        'stage-entered 3 scheduler',
        `escalated 3 ${dsl.email}`,
        `participant-added 4 ${dsl.email}`,
        `stage-entered 4 ${dsl.email}`,
        `escalated 4 ${director.email}`,
        `stage-entered 5 ${director.email}`,
        'step-breached 5 scheduler',
        'stage-breached 5 scheduler',
        'overall-limit-breached 5 scheduler',
        `participant-added 5 ${chair.email}`,
        `decided 5 ${chair.email}`,
      ]);
      const dated = (type: string) =>
        events.filter((event) => event.type === type).map((event) => event.at);
      expect(dated('stage-breached')).toEqual([flow.dueAt(7), flow.dueAt(21)]);
      expect(dated('overall-limit-breached')).toEqual([flow.dueAt(21)]);
      expect(
        events
          .filter((event) => event.type === 'stage-entered')
          .map((event) => [event.stage, event.at, event.data['dueDate']]),
      ).toEqual([
        [1, iso(flow.raisedAt), flow.day(1)],
        [2, iso(flow.at(1, '10:00')), flow.day(7)],
        [3, flow.dueAt(7), flow.day(10)],
        [4, iso(flow.at(9, '10:00')), flow.day(14)],
        [5, iso(flow.at(12, '10:00')), flow.day(21)],
      ]);
    });

    it('reports the timeliness of the case', async () => {
      const report = await flow.api.timeliness('nel');
      // Working days: 1 (D0 → D0+1), 6 (D0+1 → D0+7), 2 (D0+7 → D0+9), 3 (D0+9 → D0+12),
      // 11 (D0+12 → D0+23). On time: stages 1, 3, 4; breached: 2 and 5: 3 of 5. The Chair's DECISION
      // counts as resolved at stage 5, the final stage.
      expect(report.stages).toEqual([
        figures(1, 'Practitioner to line manager, then to the other practitioner', [1, 0, 0, 1], 1),
        figures(2, 'Organisation safeguarding representative', [1, 0, 1, 1], 6),
        figures(3, 'Head of Service', [1, 0, 0, 1], 2),
        figures(4, 'Assistant Director', [1, 0, 0, 1], 3),
        figures(5, 'NEL SCP / SAB Chair', [1, 1, 1, 0], 11),
      ]);
      expect(report.overall).toEqual(closedCounts('decided', 0.6));
      const annual = await flow.api.annual('nel', flow.raisedAt.getUTCFullYear());
      expect(annual.reachedFinalStage.map((row) => [row.ref, row.finalStage])).toEqual([
        [
          flow.ref,
          { startedAt: iso(flow.at(12, '10:00')), dueDate: flow.day(21), outcome: 'decided' },
        ],
      ]);
    });
  });

  /**
   * chew-stoke (policies/chew-stoke.yaml): no timescales at all, so no due dates, no
   * reminders and no breaches however long a stage runs; the Board Manager keeps the list of
   * ongoing disagreements (the Monday digest) and is told on entering stage 3 and leaving 4;
   * the Chair on entering 5.
   *
   * Raised Fri 8 Jan 2027 17:30 GMT, after close of business: D0 = Mon 11 Jan. No bank
   * holiday until Good Friday, so D0 + 5k is the Monday k weeks on: D0 + 40 = Mon 8 Mar.
   *
   * | stage | title                                                         | entered                   | due  | date       |
   * |-------|---------------------------------------------------------------|---------------------------|------|------------|
   * | 1     | Consult a supervisor/manager                                  | the raise (D0)            | none | Fri 8 Jan  |
   * | 2     | Resolve between the people who disagree                       | ESCALATE at D0 + 1 10:00  | none | Tue 12 Jan |
   * | 3     | Manager to equivalent manager in the other agency             | ESCALATE at D0 + 2 10:00  | none | Wed 13 Jan |
   * | 4     | Operations managers / designated safeguarding representatives | ESCALATE at D0 + 41 10:00 | none | Tue 9 Mar  |
   * | 5     | LSCB Chair or Resolution Panel                                | ESCALATE at D0 + 42 10:00 | none | Wed 10 Mar |
   *
   * Swept on Monday D0 + 40 at 09:30, eight weeks into stage 3: nothing is due, and the
   * digest lists the case at stage 3. RESOLVED by the Chair at D0 + 43 (Thu 11 Mar) 10:00.
   */
  describe('chew-stoke: no timescales; the Chair resolves at stage 5', () => {
    const raiser = person('Zoe King', 'zoe.king@club.chewstoke.example');
    const manager = person('Amy Ross', 'amy.ross@club.chewstoke.example');
    const other = person('Ian Cole', 'ian.cole@csc.bathnes.example');
    const otherManager = person('Lucy Hart', 'lucy.hart@csc.bathnes.example');
    const representative = person('Raj Patel', 'raj.patel@csc.bathnes.example');
    const boardManager = PARTNERSHIP['chew-stoke'].boardManager;
    const chair = person('LSCB Chair', PARTNERSHIP['chew-stoke'].chair);
    const CHILD = 'Child E (PID 77120)';
    let flow: CaseFlow;
    /** D0 + 40, a Monday: the digest goes out */
    const monday = 40;

    beforeAll(() => {
      flow = new CaseFlow(service, 'chew-stoke', 'england-and-wales');
    });

    it('acknowledges the emailed escalation, with no fixed timescale', async () => {
      const delivered = await flow.raise(
        raiser,
        RAISED['chew-stoke'],
        escalationForm({
          caseName: CHILD,
          agency: 'Chew Stoke Out of School Club',
          otherAgency: "Children's Social Care",
          disagreement: 'Concerns we reported were judged below the level of need for a visit.',
          category: 'levels of need',
          manager,
          otherPractitioner: other,
          outcomeSought: 'A home visit.',
        }),
      );
      expect(flow.ref).toBe('CSO-2027-0001');
      // Raised after close of business on a Friday: the clock starts on Monday.
      expect([0, 1, 2, monday, monday + 3].map((n) => flow.day(n))).toEqual([
        '2027-01-11',
        '2027-01-12',
        '2027-01-13',
        '2027-03-08',
        '2027-03-11',
      ]);
      expect(delivered).toEqual(each([raiser, manager, other], ['ack:1']));
      expectAcknowledgements(flow, [raiser, manager, other], CHILD, null);
    });

    it('escalates to stages 2 and 3 by email; the Board Manager is told of stage 3', async () => {
      expect(
        await flow.reply(
          raiser,
          flow.at(1, '10:00'),
          'ESCALATE\nMy manager agrees we should take it up with the social worker.',
        ),
      ).toEqual(each([raiser, manager, other], ['escalated:2']));
      expect(
        await flow.reply(
          manager,
          flow.at(2, '10:00'),
          `ESCALATE\nStill unresolved between us.\nNext contact: ${mailbox(otherManager)}`,
        ),
      ).toEqual(
        mailTo(
          each([raiser, manager, other, otherManager], ['escalated:3']),
          each([otherManager], ['added:3']),
          each([boardManager], ['notice:3']),
        ),
      );
    });

    it("never falls due, and is on the Board Manager's Monday list of ongoing disagreements", async () => {
      const { report, delivered, digests } = await flow.sweep(flow.at(monday, '09:30'));
      expect(report).toMatchObject({ failed: [], reminders: [], breaches: [], overallLimits: [] });
      expect(report.digests).toContain('chew-stoke');
      expect(delivered).toEqual({});
      const digest = digests.find((mail) => mail.to.includes(boardManager))!;
      expect(oneLine(digest.text)).toContain(
        `1 open case: ${flow.ref} stage 3 (Manager to equivalent manager in the other agency)`,
      );
      expect(digest.text).not.toContain(CHILD);
    });

    it('escalates to stages 4 and 5; the Board Manager is told it left 4, the Chair of 5', async () => {
      expect(
        await flow.reply(
          otherManager,
          flow.at(monday + 1, '10:00'),
          `ESCALATE\nThe managers could not agree.\nNext contact: ${mailbox(representative)}`,
        ),
      ).toEqual(
        mailTo(
          each([raiser, manager, other, otherManager, representative], ['escalated:4']),
          each([representative], ['added:4']),
        ),
      );
      expect(
        await flow.reply(
          representative,
          flow.at(monday + 2, '10:00'),
          'ESCALATE\nReferring to the LSCB Chair.',
        ),
      ).toEqual(
        mailTo(
          each([raiser, manager, other, otherManager, representative], ['escalated:5']),
          each([boardManager], ['notice:4']),
          each([chair], ['notice:5']),
        ),
      );
    });

    it('closes RESOLVED by the Chair, confirmed to everyone', async () => {
      const outcome = 'Resolved directly by the Chair: a joint home visit this week.';
      const delivered = await flow.reply(
        chair,
        flow.at(monday + 3, '10:00'),
        `RESOLVED\n${outcome}`,
      );
      expect(delivered).toEqual(
        mailTo(
          each([raiser, manager, other, otherManager, representative, chair], ['resolved:5']),
          // "SafeguardingChildren's Board Manager should be advised of any outcome" (issue 11, item 4)
          each([boardManager], ['notice:5']),
        ),
      );
      expect(await flow.case()).toMatchObject({
        status: 'resolved',
        closingText: outcome,
        overallDueDate: null,
      });
    });

    it('sent each person the mail their part called for, in order', () => {
      const fromTheStart = ['ack:1', 'escalated:2', 'escalated:3', 'escalated:4', 'escalated:5'];
      expectMailOfTheWholeCase(flow, {
        [raiser.email]: [...fromTheStart, 'resolved:5'],
        [manager.email]: [...fromTheStart, 'resolved:5'],
        [other.email]: [...fromTheStart, 'resolved:5'],
        // a next contact also gets a message of their own on joining (issue 10, item 3)
        [otherManager.email]: [
          'escalated:3',
          'added:3',
          'escalated:4',
          'escalated:5',
          'resolved:5',
        ],
        [representative.email]: ['escalated:4', 'added:4', 'escalated:5', 'resolved:5'],
        [chair.email]: ['notice:5', 'resolved:5'],
        [boardManager]: ['notice:3', 'notice:4', 'notice:5'],
      });
    });

    it('keeps stages without dates, and the audit trail', async () => {
      const stages = (await flow.case()).stages.map(stageRecord);
      const undated = { startDate: null, dueDate: null, policyDueDate: null, dueAt: null };
      const ran = (number: number, startedAt: Date, end: Date, workingDaysTaken: number) => ({
        ...undated,
        number,
        enteredBy: 'escalation',
        startedAt: iso(startedAt),
        extensions: [],
        breaches: [],
        completedAt: iso(end),
        outcome: 'escalated',
        workingDaysTaken,
      });
      expect(stages).toEqual([
        { ...ran(1, flow.raisedAt, flow.at(1, '10:00'), 1), enteredBy: 'raise' },
        ran(2, flow.at(1, '10:00'), flow.at(2, '10:00'), 1),
        ran(3, flow.at(2, '10:00'), flow.at(monday + 1, '10:00'), monday - 1),
        ran(4, flow.at(monday + 1, '10:00'), flow.at(monday + 2, '10:00'), 1),
        {
          ...ran(5, flow.at(monday + 2, '10:00'), flow.at(monday + 3, '10:00'), 1),
          outcome: 'resolved',
        },
      ]);
      expect(trail(await flow.api.events(flow.ref))).toEqual([
        `case-raised 1 ${raiser.email}`,
        `participant-added 1 ${raiser.email}`,
        `participant-added 1 ${raiser.email}`,
        `participant-added 1 ${raiser.email}`,
        `stage-entered 1 ${raiser.email}`,
        `escalated 1 ${raiser.email}`,
        `stage-entered 2 ${raiser.email}`,
        `escalated 2 ${manager.email}`,
        `participant-added 3 ${manager.email}`,
        `stage-entered 3 ${manager.email}`,
        `escalated 3 ${otherManager.email}`,
        `participant-added 4 ${otherManager.email}`,
        `stage-entered 4 ${otherManager.email}`,
        `escalated 4 ${representative.email}`,
        `stage-entered 5 ${representative.email}`,
        `participant-added 5 ${chair.email}`,
        `resolved 5 ${chair.email}`,
      ]);
    });

    it('reports the case: every stage entered, none breached, no on-time rate', async () => {
      const report = await flow.api.timeliness('chew-stoke');
      expect(report.stages).toEqual([
        figures(1, 'Consult a supervisor/manager', [1, 0, 0, 1], 1),
        figures(2, 'Resolve between the people who disagree', [1, 0, 0, 1], 1),
        figures(3, 'Manager to equivalent manager in the other agency', [1, 0, 0, 1], monday - 1),
        figures(
          4,
          'Operations managers / designated safeguarding representatives',
          [1, 0, 0, 1],
          1,
        ),
        figures(5, 'LSCB Chair or Resolution Panel', [1, 1, 0, 0], 1),
      ]);
      expect(report.overall).toEqual(closedCounts('resolved', null));
    });
  });
  /**
   * kirklees (policies/kirklees.yaml): England and Wales, relative: each of the six steps
   * within 5 working days of its own start. A breach only notifies: escalating is the
   * practitioners' act.
   *
   * Raised Mon 22 Mar 2027 10:00 GMT: D0 = Mon 22 Mar. D0 + 1 = Tue 23, + 2 = Wed 24, + 3 =
   * Thu 25, then Good Friday (26) and Easter Monday (29): + 4 = Tue 30, + 5 = Wed 31 Mar,
   * + 6 = Thu 1 Apr, + 7 = Fri 2, + 8 = Mon 5 ... + 12 = Fri 9, + 13 = Mon 12 ... + 15 = Wed 14.
   * The clocks go forward on Sun 28 Mar: from then, 17:00 local is 16:00Z.
   *
   * | stage | title                                                        | within | entered                   | due     | date       |
   * |-------|--------------------------------------------------------------|--------|---------------------------|---------|------------|
   * | 1     | Practitioner discussion                                      | 5      | the raise (D0)            | D0 + 5  | Wed 31 Mar |
   * | 2     | Written confirmation of emerging disagreement                | 5      | ESCALATE at D0 + 1 10:00  | D0 + 6  | Thu 1 Apr  |
   * | 3     | Escalation to Line Manager                                   | 5      | ESCALATE at D0 + 7 10:00  | D0 + 12 | Fri 9 Apr  |
   * | 4     | Line Manager Discussion                                      | 5      | ESCALATE at D0 + 8 10:00  | D0 + 13 | Mon 12 Apr |
   * | 5     | Escalation to Head of Service (or equivalent Senior Manager) | 5      | ESCALATE at D0 + 9 10:00  | D0 + 14 | Tue 13 Apr |
   * | 6     | Escalation to KSCP Business Unit Manager                     | 5      | ESCALATE at D0 + 10 10:00 | D0 + 15 | Wed 14 Apr |
   *
   * Stage 2's reminder at 09:00 on D0 + 5; its breach swept at D0 + 6 17:01; RESOLVED by the
   * Business Unit Manager at D0 + 11 (Thu 8 Apr) 15:00.
   */
  describe('kirklees: a breach only notifies; the practitioners escalate through six steps', () => {
    const raiser = person('Hannah Lee', 'hannah.lee@moorside.kirklees.example');
    const manager = person('Chris Dale', 'chris.dale@moorside.kirklees.example');
    const other = person('Fiona Grant', 'fiona.grant@csc.kirklees.example');
    const otherManager = person('Paul Nash', 'paul.nash@csc.kirklees.example');
    const headOfService = person('Sara Mills', 'sara.mills@csc.kirklees.example');
    const unitManager = person('KSCP Business Unit', PARTNERSHIP.kirklees.businessUnitManager);
    const CHILD = 'Child D (DOB 02/03/2017)';
    let flow: CaseFlow;

    beforeAll(() => {
      flow = new CaseFlow(service, 'kirklees', 'england-and-wales');
    });

    it('acknowledges the emailed escalation, step 1 due within 5 working days', async () => {
      const delivered = await flow.raise(
        raiser,
        RAISED.kirklees,
        escalationForm({
          caseName: CHILD,
          agency: 'Moorside Academy',
          otherAgency: "Children's Social Care",
          disagreement: 'The outcome of the assessment leaves the child without support.',
          category: 'assessment',
          manager,
          otherPractitioner: other,
          outcomeSought: 'A re-assessment.',
        }),
      );
      expect(flow.ref).toBe('KSCP-2027-0001');
      expect([1, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15].map((n) => flow.day(n))).toEqual([
        '2027-03-23',
        '2027-03-30',
        '2027-03-31',
        '2027-04-01',
        '2027-04-02',
        '2027-04-05',
        '2027-04-08',
        '2027-04-09',
        '2027-04-12',
        '2027-04-13',
        '2027-04-14',
      ]);
      expect(flow.dueAt(6)).toBe('2027-04-01T16:00:00.000Z');
      expect(delivered).toEqual(each([raiser, manager, other], ['ack:1']));
      expectAcknowledgements(flow, [raiser, manager, other], CHILD, flow.day(5));
    });

    it('escalates to written confirmation (step 2) by email, due 5 working days from then', async () => {
      const delivered = await flow.reply(
        raiser,
        flow.at(1, '10:00'),
        'ESCALATE\nThe practitioner discussion did not resolve it; written confirmation sent today.',
      );
      expect(delivered).toEqual(each([raiser, manager, other], ['escalated:2']));
      expect(oneLine(flow.latestTo(other.email).text)).toContain(
        `Due by close of business on ${longDate(flow.day(6))} (${flow.day(6)})`,
      );
    });

    it('reminds the day before, then only notifies when step 2 runs out', async () => {
      const reminder = await flow.sweep(flow.at(5, '09:30'));
      expect(reminder.report).toMatchObject({
        failed: [],
        reminders: [`${flow.ref} stage 2`],
        breaches: [],
      });
      expect(reminder.delivered).toEqual(each([raiser, manager, other], ['reminder:2']));

      const { report, delivered } = await flow.sweep(flow.at(6, '17:01'));
      expect(report).toMatchObject({
        failed: [],
        reminders: [],
        breaches: [`${flow.ref} stage 2`],
      });
      expect(delivered).toEqual(
        mailTo(each([raiser, manager, other], ['breach:2']), each([unitManager], ['breach:2'])),
      );
      expect(oneLine(flow.latestTo(raiser.email).text)).toContain(
        'Escalating is for the practitioners to decide',
      );
      const now = await flow.case();
      expect([now.currentStage, now.stages[1]!.completedAt]).toEqual([2, null]);

      // At most once: the next morning's sweep finds nothing more to send about it.
      const again = await flow.sweep(flow.at(7, '09:00'));
      expect(again.report).toMatchObject({
        failed: [],
        reminders: [],
        breaches: [],
        overallLimits: [],
      });
      expect(again.delivered).toEqual({});
    });

    it('escalates step by step by email to the Business Unit Manager (steps 3 to 6)', async () => {
      expect(
        await flow.reply(
          manager,
          flow.at(7, '10:00'),
          'ESCALATE\nNo written response within five working days.',
        ),
      ).toEqual(each([raiser, manager, other], ['escalated:3']));
      expect(
        await flow.reply(
          other,
          flow.at(8, '10:00'),
          `ESCALATE\nMy line manager will discuss it with the school's.\nNext contact: ${mailbox(otherManager)}`,
        ),
      ).toEqual(
        mailTo(
          each([raiser, manager, other, otherManager], ['escalated:4']),
          each([otherManager], ['added:4']),
        ),
      );
      expect(
        await flow.reply(
          otherManager,
          flow.at(9, '10:00'),
          `ESCALATE\nThe line managers could not agree.\nNext contact: ${mailbox(headOfService)}`,
        ),
      ).toEqual(
        mailTo(
          each([raiser, manager, other, otherManager, headOfService], ['escalated:5']),
          each([headOfService], ['added:5']),
          each([unitManager], ['notice:5']),
        ),
      );
      expect(
        await flow.reply(
          headOfService,
          flow.at(10, '10:00'),
          'ESCALATE\nIt raises a policy issue for the partnership.',
        ),
      ).toEqual(
        mailTo(
          each([raiser, manager, other, otherManager, headOfService], ['escalated:6']),
          each([unitManager], ['notice:6']),
        ),
      );
    });

    it('closes RESOLVED at step 6 by the Business Unit Manager, who joins the case', async () => {
      const outcome =
        'Agreed: a re-assessment by a different team; a restorative debrief is booked.';
      const delivered = await flow.reply(unitManager, flow.at(11, '15:00'), `RESOLVED\n${outcome}`);
      expect(delivered).toEqual(
        mailTo(
          each([raiser, manager, other, otherManager, headOfService, unitManager], ['resolved:6']),
          // the Business Unit's record of the outcome, besides its confirmation as a participant
          each([unitManager], ['notice:6']),
        ),
      );
      expect(await flow.case()).toMatchObject({ status: 'resolved', closingText: outcome });
    });

    it('sent each person the mail their part called for, in order', () => {
      const later = ['escalated:3', 'escalated:4', 'escalated:5', 'escalated:6', 'resolved:6'];
      const fromTheStart = ['ack:1', 'escalated:2', 'reminder:2', 'breach:2', ...later];
      expectMailOfTheWholeCase(flow, {
        [raiser.email]: fromTheStart,
        [manager.email]: fromTheStart,
        [other.email]: fromTheStart,
        // a next contact also gets a message of their own on joining (issue 10, item 3)
        [otherManager.email]: ['escalated:4', 'added:4', ...later.slice(2)],
        [headOfService.email]: ['escalated:5', 'added:5', ...later.slice(3)],
        [unitManager.email]: ['breach:2', 'notice:5', 'notice:6', 'notice:6', 'resolved:6'],
      });
    });

    it("keeps each stage's dates, each counted from its own start", async () => {
      const stages = (await flow.case()).stages.map(stageRecord);
      const step = (number: number, start: number, end: number, due: number) => ({
        number,
        enteredBy: 'escalation',
        startedAt: iso(flow.at(start, '10:00')),
        startDate: flow.day(start),
        dueDate: flow.day(due),
        policyDueDate: flow.day(due),
        dueAt: flow.dueAt(due),
        extensions: [],
        breaches: [],
        completedAt: iso(flow.at(end, '10:00')),
        outcome: 'escalated',
        workingDaysTaken: end - start,
      });
      expect(stages).toEqual([
        {
          ...step(1, 0, 1, 5),
          enteredBy: 'raise',
          startedAt: iso(flow.raisedAt),
        },
        { ...step(2, 1, 7, 6), breaches: [`${flow.day(6)} at ${flow.dueAt(6)}`] },
        step(3, 7, 8, 12),
        step(4, 8, 9, 13),
        step(5, 9, 10, 14),
        {
          ...step(6, 10, 11, 15),
          completedAt: iso(flow.at(11, '15:00')),
          outcome: 'resolved',
        },
      ]);
    });

    it('keeps the audit trail', async () => {
      const events = await flow.api.events(flow.ref);
      expect(trail(events)).toEqual([
        `case-raised 1 ${raiser.email}`,
        `participant-added 1 ${raiser.email}`,
        `participant-added 1 ${raiser.email}`,
        `participant-added 1 ${raiser.email}`,
        `stage-entered 1 ${raiser.email}`,
        `escalated 1 ${raiser.email}`,
        `stage-entered 2 ${raiser.email}`,
        'reminder-due 2 scheduler',
        'stage-breached 2 scheduler',
        `escalated 2 ${manager.email}`,
        `stage-entered 3 ${manager.email}`,
        `escalated 3 ${other.email}`,
        `participant-added 4 ${other.email}`,
        `stage-entered 4 ${other.email}`,
        `escalated 4 ${otherManager.email}`,
        `participant-added 5 ${otherManager.email}`,
        `stage-entered 5 ${otherManager.email}`,
        `escalated 5 ${headOfService.email}`,
        `stage-entered 6 ${headOfService.email}`,
        `participant-added 6 ${unitManager.email}`,
        `resolved 6 ${unitManager.email}`,
      ]);
      const breach = events.find((event) => event.type === 'stage-breached')!;
      expect([breach.at, breach.data['rule']]).toEqual([flow.dueAt(6), 'notify']);
    });

    it('reports the timeliness of the case', async () => {
      const report = await flow.api.timeliness('kirklees');
      // Working days: 1, 6 (D0+1 → D0+7), then 1 each. Step 2 breached: 5 of 6 on time.
      expect(report.stages).toEqual([
        figures(1, 'Practitioner discussion', [1, 0, 0, 1], 1),
        figures(2, 'Written confirmation of emerging disagreement', [1, 0, 1, 1], 6),
        figures(3, 'Escalation to Line Manager', [1, 0, 0, 1], 1),
        figures(4, 'Line Manager Discussion', [1, 0, 0, 1], 1),
        figures(5, 'Escalation to Head of Service (or equivalent Senior Manager)', [1, 0, 0, 1], 1),
        figures(6, 'Escalation to KSCP Business Unit Manager', [1, 1, 0, 0], 1),
      ]);
      expect(report.overall).toEqual(closedCounts('resolved', 0.833));
    });
  });

  /**
   * islands (policies/islands.yaml): Guernsey calendar, relative timescales ("within +N"),
   * overall maximum ten working days; a breach escalates, and a rationale is asked for and
   * forwarded to the Business Support Manager.
   *
   * Raised Fri 5 May 2028 10:00 BST (Europe/Guernsey): D0 = Fri 5 May. D0 + 1 = Mon 8, then
   * Liberation Day (Tue 9, a Guernsey holiday): + 2 = Wed 10, + 3 = Thu 11, + 4 = Fri 12,
   * + 5 = Mon 15 ... + 8 = Thu 18, + 10 = Mon 22 May. Close of business is 16:00Z.
   *
   * | stage | title                                               | within | entered                           | due    | date       |
   * |-------|-----------------------------------------------------|--------|-----------------------------------|--------|------------|
   * | 1     | Professional to professional discussion             | 1      | the raise (D0)                    | D0 + 1 | Mon 8 May  |
   * | 2     | First line manager to first line manager discussion | +2     | breach of 1, D0 + 1 17:00         | D0 + 3 | Thu 11 May |
   * | 3     | Senior manager to senior manager discussion         | +2     | ESCALATE (manager), D0 + 2 11:00  | D0 + 4 | Fri 12 May |
   * | 4     | Partnership Resolution Panel                        | +5     | ESCALATE (senior), D0 + 3 15:00   | D0 + 8 | Thu 18 May |
   *
   * Overall limit D0 + 10 (Mon 22 May). Stage 4's reminder at 09:00 on D0 + 7 (Wed 17 May);
   * the Chair's DECISION at D0 + 7 14:00.
   */
  describe('islands: a breach escalates and asks for a rationale; the Resolution Panel decides', () => {
    const raiser = person('Asha Patel', 'asha.patel@hsc.islands.example');
    const manager = person('Dan Reed', 'dan.reed@hsc.islands.example');
    const other = person('Sam Cole', 'sam.cole@education.islands.example');
    const senior = person('Jo Lee', 'jo.lee@hsc.islands.example');
    const support = PARTNERSHIP.islands.businessSupportManager;
    const chair = person('Independent Chair', PARTNERSHIP.islands.independentChair);
    const CHILD = 'Child A (ISP-PID 40213)';
    let flow: CaseFlow;

    beforeAll(() => {
      flow = new CaseFlow(service, 'islands', 'guernsey');
    });

    it('acknowledges the emailed escalation to everyone on it, stage 1 due D0 + 1', async () => {
      const delivered = await flow.raise(
        raiser,
        RAISED.islands,
        escalationForm({
          caseName: CHILD,
          agency: 'Health and Social Care',
          otherAgency: 'Education Services',
          disagreement: 'The school declined a multi-agency meeting about repeated injuries.',
          category: 'decision-making',
          manager,
          otherPractitioner: other,
          outcomeSought: 'A multi-agency meeting this week.',
        }),
      );
      expect(flow.ref).toBe('ISP-2028-0001');
      expect([1, 2, 3, 4, 7, 8, 10].map((n) => flow.day(n))).toEqual([
        '2028-05-08',
        '2028-05-10',
        '2028-05-11',
        '2028-05-12',
        '2028-05-17',
        '2028-05-18',
        '2028-05-22',
      ]);
      expect(flow.dueAt(1)).toBe('2028-05-08T16:00:00.000Z');
      // Stage 1's notice on entry: "Inform your line manager", to the manager.
      expect(delivered).toEqual(
        mailTo(each([raiser, other], ['ack:1']), each([manager], ['ack:1', 'notice:1'])),
      );
      expectAcknowledgements(flow, [raiser, manager, other], CHILD, flow.day(1));
      const stageNotice = flow.mailOf(manager.email).find((mail) => mail.kind === 'notice:1')!;
      expect(oneLine(stageNotice.text)).toContain('Inform your line manager');
    });

    it('escalates stage 1 at its due instant when it runs out, asking for a rationale', async () => {
      const { report, delivered } = await flow.sweep(flow.at(1, '17:01'));
      expect(report).toMatchObject({
        failed: [],
        reminders: [],
        breaches: [`${flow.ref} stage 1`],
        overallLimits: [],
      });
      expect(delivered).toEqual(
        mailTo(
          each([raiser, manager, other], ['breach:1', 'rationale-request:1']),
          // The breach to the partnership contact; stage 2's notice on entry to the same.
          each([support], ['breach:1', 'notice:2']),
        ),
      );
      const breach = flow.mailOf(raiser.email).find((mail) => mail.kind === 'breach:1')!;
      // Stage 2 runs from stage 1's due instant: D0 + 1 + 2 = D0 + 3.
      expect(oneLine(breach.text)).toContain(
        `was due by close of business on ${longDate(flow.day(1))} and is not resolved`,
      );
      expect(oneLine(breach.text)).toContain(
        `the case is now at stage 2 (First line manager to first line manager discussion), due by close of business on ${longDate(flow.day(3))}`,
      );
      expect(oneLine(breach.text)).toContain('Please reply REASON');
      const entry = flow.mailOf(support).find((mail) => mail.kind === 'notice:2')!;
      expect(oneLine(entry.text)).toContain(
        `Stage 2 is due by close of business on ${longDate(flow.day(3))}`,
      );
    });

    it('records the rationale by email and forwards it to the business support manager', async () => {
      const rationale = 'The other practitioner was on leave on the day stage 1 was due.';
      const delivered = await flow.reply(raiser, flow.at(2, '10:00'), `REASON\n${rationale}`);
      expect(delivered).toEqual(
        mailTo(
          each([raiser, manager, other], ['rationale:2']),
          each([support], ['rationale-forwarded:1']),
        ),
      );
      const forwarded = flow.mailOf(support).at(-1)!;
      expect(oneLine(forwarded.text)).toContain(
        `A rationale was recorded for the missed timescale of stage 1 of ${flow.ref} (due ${longDate(flow.day(1))}), for audit and monitoring: ${rationale} Recorded from: ${raiser.email}`,
      );
      // Confirmed to everyone, saying who acted (verified: nothing more is said).
      expect(oneLine(flow.latestTo(other.email).text)).toContain(`recorded from ${raiser.email}.`);
    });

    it('moves on by ESCALATE replies: a senior manager joins, the Panel is referred', async () => {
      const toStage3 = await flow.reply(
        manager,
        flow.at(2, '11:00'),
        `ESCALATE\nThe first line managers could not agree.\nNext contact: ${mailbox(senior)}`,
      );
      expect(toStage3).toEqual(
        mailTo(
          each([raiser, manager, other, senior], ['escalated:3']),
          each([senior], ['added:3']),
        ),
      );
      const confirmation = flow.mailOf(senior.email).find((mail) => mail.kind === 'escalated:3')!;
      expect(oneLine(confirmation.text)).toContain(
        `Due by close of business on ${longDate(flow.day(4))} (${flow.day(4)})`,
      );

      const toStage4 = await flow.reply(
        senior,
        flow.at(3, '15:00'),
        'ESCALATE\nThe Resolving Professional Disagreements Meeting did not agree.',
      );
      expect(toStage4).toEqual(
        mailTo(
          each([raiser, manager, other, senior], ['escalated:4']),
          each([chair], ['notice:4']),
        ),
      );
      const referral = flow.mailOf(chair.email)[0]!;
      // the Recording Tool attached and listed; the written account of the stages so far
      expect(oneLine(referral.text)).toContain(
        `Professional Challenge Recording Tool (attached as a PDF; form ID ${flow.ref})`,
      );
      expect(referral.attachments.map((a) => a.filename)).toEqual([
        `${flow.ref}-professional-challenge-recording-tool.pdf`,
        `${flow.ref}-chronology.pdf`,
      ]);
      expect(oneLine(referral.text)).toContain(`Written account of ${flow.ref}`);
      expect(oneLine(referral.text)).toContain('because: The first line managers could not agree.');
      expect(referral.text).toContain(CHILD);
    });

    it('reminds everyone at 09:00 the working day before stage 4 is due', async () => {
      const { report, delivered } = await flow.sweep(flow.at(7, '09:30'));
      expect(report).toMatchObject({
        failed: [],
        reminders: [`${flow.ref} stage 4`],
        breaches: [],
      });
      expect(delivered).toEqual(each([raiser, manager, other, senior], ['reminder:4']));
      expect(oneLine(flow.latestTo(senior.email).text)).toContain(
        `Stage 4 (Partnership Resolution Panel) of ${flow.ref} is due by close of business on ${longDate(flow.day(8))}`,
      );
    });

    it("closes with the Chair's DECISION, confirmed to everyone including the Chair", async () => {
      const decision = 'The Panel recommends a joint strategy meeting within two working days.';
      const delivered = await flow.reply(chair, flow.at(7, '14:00'), `DECISION\n${decision}`);
      expect(delivered).toEqual(
        mailTo(
          each([raiser, manager, other, senior, chair], ['decided:4']),
          // the Business Support manager told of the outcome (issue 11, item 4)
          each([support], ['notice:4']),
        ),
      );
      expect(oneLine(flow.latestTo(raiser.email).text)).toContain(
        'The case is now closed (decided)',
      );
      expect(await flow.case()).toMatchObject({
        status: 'decided',
        closedAt: iso(flow.at(7, '14:00')),
        closingText: decision,
        overallDueDate: flow.day(10),
        overallBreachedAt: null,
      });
    });

    it('sent each person the mail their part called for, in order', () => {
      expectMailOfTheWholeCase(flow, {
        [raiser.email]: [
          'ack:1',
          'breach:1',
          'rationale-request:1',
          'rationale:2',
          'escalated:3',
          'escalated:4',
          'reminder:4',
          'decided:4',
        ],
        [manager.email]: [
          // The raise queues stage 1's notice on entry before the acknowledgement.
          'notice:1',
          'ack:1',
          'breach:1',
          'rationale-request:1',
          'rationale:2',
          'escalated:3',
          'escalated:4',
          'reminder:4',
          'decided:4',
        ],
        [other.email]: [
          'ack:1',
          'breach:1',
          'rationale-request:1',
          'rationale:2',
          'escalated:3',
          'escalated:4',
          'reminder:4',
          'decided:4',
        ],
        // a next contact also gets a message of their own on joining (issue 10, item 3)
        [senior.email]: ['escalated:3', 'added:3', 'escalated:4', 'reminder:4', 'decided:4'],
        [chair.email]: ['notice:4', 'decided:4'],
        [support]: ['breach:1', 'notice:2', 'rationale-forwarded:1', 'notice:4'],
      });
    });

    it("keeps each stage's dates: stage 2 starts at stage 1's due instant", async () => {
      const stages = (await flow.case()).stages.map(stageRecord);
      const plain = { extensions: [], breaches: [] };
      expect(stages).toEqual([
        {
          ...plain,
          number: 1,
          enteredBy: 'raise',
          startedAt: iso(flow.raisedAt),
          startDate: flow.day(0),
          dueDate: flow.day(1),
          policyDueDate: flow.day(1),
          dueAt: flow.dueAt(1),
          breaches: [`${flow.day(1)} at ${flow.dueAt(1)}`],
          completedAt: flow.dueAt(1),
          outcome: 'escalated',
          workingDaysTaken: 1,
        },
        {
          ...plain,
          number: 2,
          enteredBy: 'breach',
          startedAt: flow.dueAt(1),
          startDate: flow.day(1),
          dueDate: flow.day(3),
          policyDueDate: flow.day(3),
          dueAt: flow.dueAt(3),
          completedAt: iso(flow.at(2, '11:00')),
          outcome: 'escalated',
          workingDaysTaken: 1,
        },
        {
          ...plain,
          number: 3,
          enteredBy: 'escalation',
          startedAt: iso(flow.at(2, '11:00')),
          startDate: flow.day(2),
          dueDate: flow.day(4),
          policyDueDate: flow.day(4),
          dueAt: flow.dueAt(4),
          completedAt: iso(flow.at(3, '15:00')),
          outcome: 'escalated',
          workingDaysTaken: 1,
        },
        {
          ...plain,
          number: 4,
          enteredBy: 'escalation',
          startedAt: iso(flow.at(3, '15:00')),
          startDate: flow.day(3),
          dueDate: flow.day(8),
          policyDueDate: flow.day(8),
          dueAt: flow.dueAt(8),
          completedAt: iso(flow.at(7, '14:00')),
          outcome: 'decided',
          workingDaysTaken: 4,
        },
      ]);
      const [breach] = (await flow.case()).stages[0]!.breaches;
      expect(breach?.rationale?.text).toBe(
        'The other practitioner was on leave on the day stage 1 was due.',
      );
    });

    it('keeps the audit trail, the breach dated at the due instant', async () => {
      const events = await flow.api.events(flow.ref);
      expect(trail(events)).toEqual([
        `case-raised 1 ${raiser.email}`,
        `participant-added 1 ${raiser.email}`,
        `participant-added 1 ${raiser.email}`,
        `participant-added 1 ${raiser.email}`,
        `stage-entered 1 ${raiser.email}`,
        'stage-breached 1 scheduler',
        'escalated 1 scheduler',
        'stage-entered 2 scheduler',
        `rationale-recorded 1 ${raiser.email}`,
        `escalated 2 ${manager.email}`,
        `participant-added 3 ${manager.email}`,
        `stage-entered 3 ${manager.email}`,
        `escalated 3 ${senior.email}`,
        `stage-entered 4 ${senior.email}`,
        'reminder-due 4 scheduler',
        `participant-added 4 ${chair.email}`,
        `decided 4 ${chair.email}`,
      ]);
      const breach = events.find((event) => event.type === 'stage-breached')!;
      expect(breach.at).toBe(flow.dueAt(1));
      expect(breach.recordedAt).not.toBe(breach.at);
      const entered = events.filter((event) => event.type === 'stage-entered');
      expect(entered.map((event) => [event.at, event.data['dueDate']])).toEqual([
        [iso(flow.raisedAt), flow.day(1)],
        [flow.dueAt(1), flow.day(3)],
        [iso(flow.at(2, '11:00')), flow.day(4)],
        [iso(flow.at(3, '15:00')), flow.day(8)],
      ]);
      expect(events.find((event) => event.type === 'escalated')!.data).toMatchObject({
        to: 2,
        by: 'breach rule',
      });
      // Only the new text of a reply counts: not its signature, nor the quoted message.
      expect(events.find((event) => event.type === 'rationale-recorded')!.data).toEqual({
        dueDate: flow.day(1),
        rationale: 'The other practitioner was on leave on the day stage 1 was due.',
      });
      // Mail whose SPF passes for the From domain acts, verified.
      expect(
        new Set(
          events.map(
            (event) => `${event.actor === 'scheduler' ? 'scheduler' : 'email'} ${event.verified}`,
          ),
        ),
      ).toEqual(new Set(['email true', 'scheduler true']));
      expect(
        events.find((event) => event.type === 'escalated' && event.stage === 2)!.data,
      ).toMatchObject({ to: 3, reason: 'The first line managers could not agree.' });
    });

    it('reports the timeliness of the case', async () => {
      const report = await flow.api.timeliness('islands');
      // Working days taken: 1 (D0 → D0+1), 1, 1, 4 (D0+3 → D0+7). On time: stages 2, 3 and 4
      // ended before their due instants; stage 1 was breached: 3 of 4.
      expect(report.stages).toEqual([
        figures(1, 'Professional to professional discussion', [1, 0, 1, 1], 1),
        figures(2, 'First line manager to first line manager discussion', [1, 0, 0, 1], 1),
        figures(3, 'Senior manager to senior manager discussion', [1, 0, 0, 1], 1),
        figures(4, 'Partnership Resolution Panel', [1, 1, 0, 0], 4),
      ]);
      expect(report.overall).toEqual(closedCounts('decided', 0.75));
    });

    it('lists the case among those that reached stage 4, for the annual report', async () => {
      const annual = await flow.api.annual('islands', flow.raisedAt.getUTCFullYear());
      expect(annual.reachedFinalStage).toEqual([
        {
          ref: flow.ref,
          raisedAt: iso(flow.raisedAt),
          status: 'decided',
          closedAt: iso(flow.at(7, '14:00')),
          agency: 'Health and Social Care',
          otherAgency: 'Education Services',
          category: 'decision-making',
          finalStage: {
            startedAt: iso(flow.at(3, '15:00')),
            dueDate: flow.day(8),
            outcome: 'decided',
          },
        },
      ]);
    });
  });

  /*
   * Issue 11: "A test reads every message the e2e journeys produce: none says a thing is
   * attached that is not", and each form is attached where its document asks, readable as
   * text. Last, so it reads the mail of all five journeys.
   */
  describe('every message the five journeys produced', () => {
    it('says a thing is attached only when it is, and every PDF it carries reads as text naming its case', async () => {
      const mail = service.world.received;
      expect(mail.length).toBeGreaterThan(50);
      const unfounded = mail.flatMap((m) =>
        unfoundedAttachmentClaims(m).map(
          (line) => `#${m.seq} ${m.kind} to ${m.to.join(', ')}: ${line}`,
        ),
      );
      expect(unfounded).toEqual([]);
      for (const m of mail) {
        for (const attachment of m.attachments) {
          expect([attachment.filename, attachment.contentType]).toEqual([
            expect.stringMatching(new RegExp(`^${m.ref}-[a-z-]+\\.pdf$`)),
            'application/pdf',
          ]);
          expect(await pdfText(attachment.content)).toContain(m.ref);
        }
      }
    });

    it('carries each record form where its document asks, and the chronology with the final referral', () => {
      const carried = (ref: string | null) =>
        service.world.received
          .filter((m) => m.ref === ref)
          .flatMap((m) => m.attachments.map((a) => a.filename.slice(`${ref}-`.length)));
      const byPolicy = (prefix: string) => {
        const ref = service.world.received.find((m) => m.ref?.startsWith(prefix))?.ref ?? null;
        return [...new Set(carried(ref))].sort();
      };
      expect({
        'south-glos': byPolicy('SGSAB'),
        nel: byPolicy('NEL'),
        kirklees: byPolicy('KSCP'),
        islands: byPolicy('ISP'),
        'chew-stoke': byPolicy('CSO'),
      }).toEqual({
        'south-glos': ['chronology.pdf', 'monitoring-form.pdf'],
        nel: ['chronology.pdf', 'recording-template.pdf'],
        kirklees: ['chronology.pdf', 'professional-difference-escalation-record.pdf'],
        islands: ['chronology.pdf', 'professional-challenge-recording-tool.pdf'],
        'chew-stoke': ['chronology.pdf'],
      });
    });
  });
});
