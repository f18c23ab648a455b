import { testEngines } from '@escalations/db/testing';
import type { EventView } from './support/api';
import { CaseFlow, each, escalationForm, mailbox, oneLine, person } from './support/case-flow';
import { startService, type RunningService } from './support/service';
import { longDate } from './support/working-days';

/**
 * Acceptance, issue 10 "Agreement": every policy asks for "written confirmation between the
 * parties about an agreed outcome", so the challenged side cannot close the challenge. Two
 * journeys through the whole service by email over SMTP (CONTRACT.md: "Who may close:
 * `RESOLVED` from the raising side closes; from the other side it proposes an outcome for
 * the raising side to `AGREE` to. `WITHDRAW` is the raising side's alone."):
 *
 * - kirklees, raised Mon 7 Jun 2027 10:00 BST: D0 = Mon 7 Jun; step 1 is due within 5
 *   working days, D0 + 5 = Mon 14 Jun (16:00Z), its reminder at 09:00 on Fri 11 Jun (D0 + 4).
 *   The other practitioner proposes at D0 + 1; the reminder says an outcome awaits
 *   agreement; the raiser AGREEs at D0 + 4 10:00 and the case closes with the proposal.
 * - nel, raised Tue 15 Jun 2027 10:00 BST: D0 = Tue 15 Jun; stage 1 "Working Day 1-2" is due
 *   D0 + 1 (Wed 16 Jun). The other practitioner proposes at D0 11:00 and tries to WITHDRAW
 *   the challenge (refused); the raiser's manager escalates instead at D0 14:00, naming the
 *   senior manager, with the reason quoted back to everyone; the raiser's AGREE then finds
 *   nothing to agree to; the senior manager (brought in by the raising side) resolves at
 *   stage 2 at D0 + 2 10:00.
 *
 * The clock only moves forward; the first case is closed before the second is raised.
 */

const RAISED = {
  kirklees: new Date('2027-06-07T09:00:00Z'),
  nel: new Date('2027-06-15T09:00:00Z'),
};

const trail = (events: EventView[]) =>
  events.map((event) => `${event.type} ${event.stage} ${event.actor}`);

jest.setTimeout(60_000);

describe.each(testEngines())(
  'agreement between the sides, end to end by email, on %s',
  (engine) => {
    let service: RunningService;

    beforeAll(async () => {
      service = await startService(engine, RAISED.kirklees);
    }, 60_000);

    afterAll(async () => {
      await service?.stop();
    });

    describe('kirklees: the other side proposes an outcome and the raiser agrees', () => {
      const raiser = person('Nadia Hussain', 'nadia.hussain@valley.kirklees.example');
      const manager = person('Tom Reid', 'tom.reid@valley.kirklees.example');
      const other = person('Owen Price', 'owen.price@csc.kirklees.example');
      const outcome =
        'Our decision stands: no further assessment. A family support worker will visit weekly.';
      let flow: CaseFlow;

      beforeAll(() => {
        flow = new CaseFlow(service, 'kirklees', 'england-and-wales');
      });

      it('acknowledges the escalation, step 1 due within 5 working days', async () => {
        const delivered = await flow.raise(
          raiser,
          RAISED.kirklees,
          escalationForm({
            caseName: 'Child E (DOB 11/09/2016)',
            agency: 'Valley Primary School',
            otherAgency: "Children's Social Care",
            disagreement: 'The referral was closed without an assessment.',
            category: 'referral-thresholds',
            manager,
            otherPractitioner: other,
            outcomeSought: 'A child and family assessment.',
          }),
        );
        expect([1, 4, 5].map((n) => flow.day(n))).toEqual([
          '2027-06-08',
          '2027-06-11',
          '2027-06-14',
        ]);
        expect(flow.dueAt(5)).toBe('2027-06-14T16:00:00.000Z');
        expect(delivered).toEqual(each([raiser, manager, other], ['ack:1']));
      });

      it("the other practitioner's RESOLVED proposes the outcome to everyone; the case stays open and step 1's deadline runs", async () => {
        const delivered = await flow.reply(other, flow.at(1, '10:00'), `RESOLVED\n${outcome}`);
        expect(delivered).toEqual(each([raiser, manager, other], ['proposed:1']));
        const text = oneLine(flow.latestTo(raiser.email).text);
        expect(text).toContain(`Proposed outcome: ${outcome}`);
        expect(text).toContain(
          'The side that raised the disagreement (Valley Primary School) may reply AGREE to close the case with this outcome, ESCALATE with the reason if it cannot be agreed, or NOTE to answer it.',
        );
        expect(text).toContain(`Due by close of business on ${longDate(flow.day(5))}`);
        const now = await flow.case();
        expect(now).toMatchObject({
          status: 'open',
          currentStage: 1,
          proposal: { text: outcome, by: other.email, stage: 1 },
        });
        expect(now.stages[0]).toMatchObject({ dueDate: flow.day(5), completedAt: null });
        expect(now.participants.map((p) => [p.email, p.side ?? null])).toEqual([
          [raiser.email, 'raising'],
          [manager.email, 'raising'],
          [other.email, 'other'],
        ]);
      });

      it("step 1's reminder says an outcome awaits the raising side's agreement", async () => {
        const { delivered } = await flow.sweep(flow.at(4, '09:01'));
        expect(delivered).toEqual(each([raiser, manager, other], ['reminder:1']));
        const text = oneLine(flow.latestTo(manager.email).text);
        expect(text).toContain(
          `An outcome proposed by ${other.email} awaits the agreement of the side that raised the disagreement (Valley Primary School): ${outcome}`,
        );
        expect(text).toContain('that side replies AGREE');
      });

      it("the raiser's AGREE closes the case with the proposal as the agreed outcome, confirmed to everyone", async () => {
        const delivered = await flow.reply(
          raiser,
          flow.at(4, '10:00'),
          'AGREE\nWe accept this, with the weekly visits reviewed in a month.',
        );
        expect(delivered).toEqual(each([raiser, manager, other], ['agreed:1']));
        const text = oneLine(flow.latestTo(other.email).text);
        expect(text).toContain(`Agreed outcome: ${outcome}`);
        expect(text).toContain(
          'Said on agreeing: We accept this, with the weekly visits reviewed in a month.',
        );
        expect(text).toContain(`Proposed by ${other.email}; agreed by ${raiser.email}`);
        expect(text).toContain('The case is now closed (resolved)');
        expect(await flow.case()).toMatchObject({
          status: 'resolved',
          closingText: outcome,
          proposal: null,
          closedAt: flow.at(4, '10:00').toISOString(),
        });
        expect(
          trail(await flow.api.events(flow.ref)).filter(
            (line) => !line.startsWith('participant-added'),
          ),
        ).toEqual([
          `case-raised 1 ${raiser.email}`,
          `stage-entered 1 ${raiser.email}`,
          `outcome-proposed 1 ${other.email}`,
          'reminder-due 1 scheduler',
          `resolved 1 ${raiser.email}`,
        ]);
      });
    });

    describe('nel: the other side proposes and the raising side escalates instead', () => {
      const raiser = person('Ruth Bell', 'ruth.bell@harbour.nel.example');
      const manager = person('Imran Shah', 'imran.shah@harbour.nel.example');
      const other = person('Lena Frost', 'lena.frost@cs.nel.example');
      const senior = person('Grace Hall', 'grace.hall@harbour.nel.example');
      const reason = 'The plan leaves the child without an assessment after two disclosures.';
      let flow: CaseFlow;

      beforeAll(() => {
        flow = new CaseFlow(service, 'nel', 'england-and-wales');
      });

      it('acknowledges the escalation, stage 1 due on working day 2', async () => {
        const delivered = await flow.raise(
          raiser,
          RAISED.nel,
          escalationForm({
            caseName: 'Child F (PID 55120)',
            agency: 'Harbour Academy',
            otherAgency: "Children's Services",
            disagreement: 'The referral was closed without an assessment.',
            category: 'referral-thresholds',
            manager,
            otherPractitioner: other,
            outcomeSought: 'A child and family assessment.',
          }),
        );
        expect([1, 2].map((n) => flow.day(n))).toEqual(['2027-06-16', '2027-06-17']);
        expect(delivered).toEqual(each([raiser, manager, other], ['ack:1']));
      });

      it('the other practitioner proposes, and cannot withdraw the challenge', async () => {
        const proposed = await flow.reply(
          other,
          flow.at(0, '11:00'),
          'RESOLVED\nWe stand by the decision to close the referral.',
        );
        expect(proposed).toEqual(each([raiser, manager, other], ['proposed:1']));
        const refused = await flow.reply(
          other,
          flow.at(0, '11:30'),
          'WITHDRAW\nWe do not accept that this meets the threshold.',
        );
        expect(refused).toEqual(each([other], ['refused']));
        expect(oneLine(flow.latestTo(other.email).text)).toContain(
          'WITHDRAW is for the side that raised the disagreement (Harbour Academy)',
        );
        expect((await flow.case()).status).toBe('open');
      });

      it("the raiser's manager escalates instead: everyone is told the reason given, and that the proposal is superseded", async () => {
        const delivered = await flow.reply(
          manager,
          flow.at(0, '14:00'),
          `ESCALATE\n${reason}\nNext contact: ${mailbox(senior)}`,
        );
        // the senior manager, new to the case, gets a message of their own (issue 10, item 3)
        expect(delivered).toMatchObject(each([raiser, manager, other], ['escalated:2']));
        expect(Object.keys(delivered).sort()).toEqual(
          [raiser, manager, other, senior].map((who) => who.email).sort(),
        );
        expect(oneLine(flow.latestTo(senior.email).text)).toContain(`Reason given: ${reason}`);
        for (const who of [raiser, other]) {
          const text = oneLine(flow.latestTo(who.email).text);
          expect(text).toContain('Escalated from stage 1 to stage 2.');
          expect(text).toContain(`Reason given: ${reason}`);
          expect(text).toContain(
            'The outcome proposed at stage 1 was not agreed; this escalation supersedes it.',
          );
        }
        const now = await flow.case();
        expect(now).toMatchObject({ status: 'open', currentStage: 2, proposal: null });
        expect(now.participants.find((p) => p.email === senior.email)?.side).toBe('raising');
      });

      it('a later AGREE finds nothing to agree to', async () => {
        const delivered = await flow.reply(raiser, flow.at(1, '10:00'), 'AGREE');
        expect(delivered).toEqual(each([raiser], ['refused']));
        expect(oneLine(flow.latestTo(raiser.email).text)).toContain(
          'There is no proposed outcome on this case to agree to',
        );
      });

      it('the senior manager the raising side brought in resolves at stage 2', async () => {
        const outcome = 'A child and family assessment will start on Monday.';
        const delivered = await flow.reply(senior, flow.at(2, '10:00'), `RESOLVED\n${outcome}`);
        expect(delivered).toEqual(each([raiser, manager, other, senior], ['resolved:2']));
        expect(oneLine(flow.latestTo(other.email).text)).toContain(`Agreed outcome: ${outcome}`);
        expect(await flow.case()).toMatchObject({ status: 'resolved', closingText: outcome });
        expect(
          trail(await flow.api.events(flow.ref)).filter(
            (line) => !line.startsWith('participant-added') && !line.startsWith('stage-entered'),
          ),
        ).toEqual([
          `case-raised 1 ${raiser.email}`,
          `outcome-proposed 1 ${other.email}`,
          `escalated 1 ${manager.email}`,
          `resolved 2 ${senior.email}`,
        ]);
      });
    });
  },
);
