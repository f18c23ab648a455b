import { contextAt, realPolicy } from '../../test/support/policy-library';
import { applyCommand, type CommandResult } from './apply-command';
import type { Actor, CaseCommand, RaiseCommand } from './case-command';
import type { CaseState } from './case-state';
import type { ClosingOutcome } from './closing-outcome';
import type { Notice } from './notice';

/*
 * Issue 11, item 4. Every document asks for "written confirmation between the parties of the
 * agreed outcome and how any outstanding issues will be pursued" (south-glos), and the
 * partnership is told how a case ended: islands' Business Support manager ("When the issue is
 * resolved, any general issues should be identified by the Partnership Business Support
 * manager"), south-glos' Strategic Safeguarding Service Manager ("after the issue has been
 * resolved the monitoring form must be sent ... to the Strategic Safeguarding Service
 * Manager"), kirklees' Business Unit ("records of any learning should be shared with the KSCP
 * Business unit") and chew-stoke's Board Manager ("should be advised of any outcome").
 */

const raiser: Actor = { kind: 'participant', id: 'asha.patel@school.example.org', verified: true };
const other: Actor = { kind: 'participant', id: 'sam.cole@council.example.gov.uk', verified: true };

function accepted(result: CommandResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.code}: ${result.refusal.message}`);
  return result;
}

// Monday 7 December 2026; each step a day later.
const day = (n: number) => `2026-12-${String(7 + n).padStart(2, '0')}T10:00:00Z`;

function atStage(policyId: string, stage: number): CaseState {
  const raise: RaiseCommand = {
    kind: 'raise',
    ref: 'REF-2026-0001',
    raisedAt: new Date(day(0)),
    raisedBy: { name: 'Asha Patel', email: raiser.id },
    caseName: 'Child A (PID 12345)',
    agency: 'Grange Primary School',
    otherAgency: "Children's Services",
    disagreement: 'Referral closed without an assessment',
    category: realPolicy(policyId).categories[0]!.key,
    risk: 'standard',
    startStage: 1,
    manager: { name: 'Dan Reed', email: 'dan.reed@school.example.org' },
    otherPractitioner: { name: 'Sam Cole', email: other.id },
  };
  let state = accepted(applyCommand(null, raise, contextAt(policyId, day(0)), raiser)).state;
  for (let n = 1; n < stage; n++) {
    const escalate: CaseCommand = { kind: 'escalate', reason: `Not agreed at stage ${n}` };
    state = accepted(applyCommand(state, escalate, contextAt(policyId, day(0)), raiser)).state;
  }
  return state;
}

function close(state: CaseState, command: CaseCommand, actor = raiser): Notice[] {
  return accepted(applyCommand(state, command, contextAt(state.policyId, day(3)), actor)).notices;
}

const outcomeOf = (notice: Notice) => notice.data['outcome'] as ClosingOutcome | undefined;
const toPartnership = (notices: Notice[]) =>
  notices
    .filter((notice) => notice.to.some((to) => to.startsWith('partnership.')) && outcomeOf(notice))
    .map((notice) => notice.to.join());

const RESOLVE: CaseCommand = {
  kind: 'resolve',
  outcome: 'Strategy meeting on Monday',
  outstanding: ['GP report: the health visitor will chase it by Friday'],
};
const DECISION: CaseCommand = { kind: 'decision', decision: 'An assessment will be carried out' };

describe('the confirmation of a resolution carries the outcome in writing', () => {
  it.each(['islands', 'south-glos', 'kirklees', 'chew-stoke', 'nel'])(
    '%s: agreed outcome, outstanding issues, stage resolved at, time taken',
    (policyId) => {
      const notices = close(atStage(policyId, 2), RESOLVE);
      const confirmation = notices.find((notice) => notice.kind === 'confirmation')!;
      expect(outcomeOf(confirmation)).toEqual({
        label: 'Agreed outcome',
        text: 'Strategy meeting on Monday',
        outstanding: ['GP report: the health visitor will chase it by Friday'],
        stage: { number: 2, title: realPolicy(policyId).stages[1]!.title },
        raisedOn: '7 December 2026',
        closedOn: '10 December 2026',
        timeTaken: {
          workingDays: 3,
          calendarDays: 3,
          text: '3 working days (3 calendar days)',
        },
      });
    },
  );

  it('a DECISION is put on record as the decision, and a withdrawal carries no outcome', () => {
    const decided = close(atStage('chew-stoke', 5), DECISION);
    const confirmation = decided.find((notice) => notice.kind === 'confirmation')!;
    expect(outcomeOf(confirmation)).toMatchObject({
      label: 'Decision',
      text: 'An assessment will be carried out',
      stage: { number: 5 },
    });
    const withdrawn = close(atStage('chew-stoke', 3), { kind: 'withdraw', reason: 'Sorted' });
    expect(withdrawn.filter(outcomeOf)).toEqual([]);
  });
});

describe("the partnership's notice of the outcome", () => {
  it.each<[string, string, number, CaseCommand, string[]]>([
    ['islands', 'resolved at stage 1: not yet known to the partnership', 1, RESOLVE, []],
    ['islands', 'resolved at stage 2', 2, RESOLVE, ['partnership.businessSupportManager']],
    ['islands', 'decided at stage 4', 4, DECISION, ['partnership.businessSupportManager']],
    ['south-glos', 'resolved at stage 2', 2, RESOLVE, []],
    [
      'south-glos',
      'resolved at stage 3, on the Monitoring Form notice',
      3,
      RESOLVE,
      ['partnership.strategicSafeguardingServiceManager'],
    ],
    [
      'south-glos',
      'resolved at stage 4, on the Monitoring Form notice',
      4,
      RESOLVE,
      ['partnership.strategicSafeguardingServiceManager'],
    ],
    [
      'south-glos',
      'decided at stage 4',
      4,
      DECISION,
      ['partnership.strategicSafeguardingServiceManager'],
    ],
    ['kirklees', 'resolved at stage 4', 4, RESOLVE, []],
    ['kirklees', 'resolved at stage 5', 5, RESOLVE, ['partnership.businessUnitManager']],
    ['kirklees', 'decided at stage 6', 6, DECISION, ['partnership.businessUnitManager']],
    ['chew-stoke', 'resolved at stage 2', 2, RESOLVE, []],
    ['chew-stoke', 'resolved at stage 3', 3, RESOLVE, ['partnership.boardManager']],
    [
      'chew-stoke',
      'resolved at stage 4, on the leave notice',
      4,
      RESOLVE,
      ['partnership.boardManager'],
    ],
    ['chew-stoke', 'decided at stage 5', 5, DECISION, ['partnership.boardManager']],
  ])('%s, %s: told once, with the outcome', (policyId, _when, stage, command, expected) => {
    const notices = close(atStage(policyId, stage), command);
    expect(toPartnership(notices)).toEqual(expected);
    for (const notice of notices.filter(outcomeOf))
      expect(outcomeOf(notice)?.stage.number).toBe(stage);
  });

  it('AGREE to a proposed outcome tells the partnership like RESOLVED', () => {
    const proposed = accepted(
      applyCommand(atStage('chew-stoke', 3), RESOLVE, contextAt('chew-stoke', day(2)), other),
    ).state;
    const notices = close(proposed, { kind: 'agree' });
    expect(toPartnership(notices)).toEqual(['partnership.boardManager']);
    expect(outcomeOf(notices.find((n) => n.kind === 'confirmation')!)?.text).toBe(
      'Strategy meeting on Monday',
    );
  });
});
