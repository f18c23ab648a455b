/**
 * POLICIES.md, "Counting working days": "A cumulative stage entered after its own due instant
 * is overdue on entry: the breach is recorded at entry and the policy's breach rule applies at
 * once. Entered on its due date before close of business, it is due at close of business that
 * day. Cumulative dates never move to hide lateness." And: "An agreed extension ... moves only
 * its own stage: later cumulative deadlines stay where the policy puts them."
 *
 * Both cases are raised Mon 1 Jun 2026 10:00 BST (D0). south-glos, "within N working days" of
 * the outset: stage 2 due Wed 3 Jun, stage 3 Thu 4, stage 4 Mon 8. NEL, "by working day K":
 * day 8 Wed 10 Jun, day 11 Mon 15, day 15 Fri 19, day 22 Tue 30. 17:00 BST is 16:00Z.
 */
import { applyCommand, type CommandResult } from './apply-command';
import type { Actor, CaseCommand, RaiseCommand } from './case-command';
import type { CaseState } from './case-state';
import { describeQuotesInDocument } from '../../test/support/policy-quotes';
import { contextAt } from '../../test/support/policy-library';

const raiser: Actor = { kind: 'participant', id: 'asha.patel@school.example.org', verified: true };
const scheduler: Actor = { kind: 'scheduler', id: 'scheduler', verified: true };

const SOUTH_GLOS_STAGE_2 = 'Stage Two Within 2 working days';
const SOUTH_GLOS_AGREED =
  'Timescales should be agreed if it is not possible to adhere to this timeframe.';
const NEL_STAGE_3 = 'Timescale Stage 3: (To be completed by day working 11)';
const NEL_ESCALATE = 'If unresolved escalate';

function raiseCommand(ref: string, category: string): RaiseCommand {
  return {
    kind: 'raise',
    ref,
    raisedAt: new Date('2026-06-01T10:00:00+01:00'),
    raisedBy: { name: 'Asha Patel', email: 'asha.patel@school.example.org' },
    caseName: 'Adult B',
    agency: 'Care Provider',
    otherAgency: 'Adult Social Care',
    disagreement: 'Placement ended without a review',
    category,
    risk: 'standard',
    startStage: 1,
    otherPractitioner: { name: 'Sam Cole', email: 'sam.cole@council.example.gov.uk' },
  };
}

function accepted(result: CommandResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.code}: ${result.refusal.message}`);
  return result;
}

function raised(policy: string, ref: string): CaseState {
  const now = '2026-06-01T10:00:00+01:00';
  return accepted(applyCommand(null, raiseCommand(ref, 'other'), contextAt(policy, now), raiser))
    .state;
}

function act(state: CaseState, command: CaseCommand, now: string, actor: Actor = raiser) {
  return accepted(applyCommand(state, command, contextAt(state.policyId, now), actor));
}

const escalate: CaseCommand = { kind: 'escalate', reason: 'Still no agreement' };

describe('south-glos: a stage entered on or after its cumulative due date', () => {
  it(`entered on its due date before close of business is due at 17:00 that day (${SOUTH_GLOS_STAGE_2})`, () => {
    const { state, events } = act(
      raised('south-glos', 'SG-1'),
      escalate,
      '2026-06-03T10:00:00+01:00',
    );
    expect(state.stages[1]).toMatchObject({
      number: 2,
      dueDate: '2026-06-03',
      dueAt: '2026-06-03T16:00:00.000Z',
      breaches: [],
      checkAt: '2026-06-03T16:00:00.000Z',
    });
    expect(events.map((e) => e.type)).not.toContain('stage-breached');
  });

  it(`escalated a day late: overdue on entry, the breach recorded at entry and an agreed timescale asked for in the confirmation (${SOUTH_GLOS_AGREED})`, () => {
    const { state, events, notices } = act(
      raised('south-glos', 'SG-2'),
      escalate,
      '2026-06-04T10:00:00+01:00',
    );
    const stage = state.stages[1]!;
    expect(stage).toMatchObject({
      number: 2,
      startedAt: '2026-06-04T09:00:00.000Z',
      dueDate: '2026-06-03',
      dueAt: '2026-06-03T16:00:00.000Z',
      breaches: [
        {
          at: '2026-06-04T09:00:00.000Z',
          dueDate: '2026-06-03',
          recordedAt: '2026-06-04T09:00:00.000Z',
        },
      ],
      completedAt: null,
      checkAt: null,
    });
    expect(events.map((e) => [e.type, e.stage, e.at])).toEqual([
      ['escalated', 1, '2026-06-04T09:00:00.000Z'],
      ['stage-entered', 2, '2026-06-04T09:00:00.000Z'],
      ['stage-breached', 2, '2026-06-04T09:00:00.000Z'],
    ]);
    expect(events[1]!.data).toMatchObject({ dueDate: '2026-06-03', overdueOnEntry: true });
    expect(events[2]!.data).toMatchObject({ rule: 'ask-agreed-timescale', onEntry: true });
    // The participants hear it once, in the confirmation; the partnership gets the breach notice.
    expect(notices.map((n) => [n.kind, n.to])).toEqual([
      ['breach', ['partnership.strategicSafeguardingServiceManager']],
      ['confirmation', ['case.participants']],
    ]);
    expect(notices[1]!.data['overdueOnEntry']).toEqual([
      {
        stage: 2,
        title: expect.any(String),
        dueDate: '2026-06-03',
        rule: 'ask-agreed-timescale',
        askRationale: false,
        askTimescale: true,
        escalatedTo: null,
      },
    ]);
    // The scheduler does not breach it a second time; an agreed timescale replaces the date.
    const extended = act(
      state,
      { kind: 'extend', workingDays: 2, reason: 'Agreed between managers' },
      '2026-06-04T11:00:00+01:00',
    );
    expect(extended.state.stages[1]).toMatchObject({
      policyDueDate: '2026-06-03',
      dueDate: '2026-06-05',
      checkAt: '2026-06-05T16:00:00.000Z',
    });
  });

  it('the 5-working-day ceiling: stage 4 entered after Mon 8 Jun 17:00 is overdue on entry', () => {
    let state = raised('south-glos', 'SG-3');
    state = act(state, escalate, '2026-06-02T10:00:00+01:00').state;
    state = act(state, escalate, '2026-06-03T10:00:00+01:00').state;
    const { state: late } = act(state, escalate, '2026-06-09T09:00:00+01:00');
    expect(late.stages[3]).toMatchObject({
      number: 4,
      dueDate: '2026-06-08',
      breaches: [{ at: '2026-06-09T08:00:00.000Z', dueDate: '2026-06-08' }],
    });
  });
});

describe('nel: cumulative deadlines never move, and an extension moves only its own stage', () => {
  function extendedStage2(ref: string): CaseState {
    let state = raised('nel', ref);
    state = act(state, escalate, '2026-06-02T10:00:00+01:00').state;
    return act(
      state,
      { kind: 'extend', until: '2026-06-22', reason: 'Waiting for the assessment' },
      '2026-06-03T10:00:00+01:00',
    ).state;
  }

  it(`stage 3 entered after working day 11 escalates on entry (${NEL_STAGE_3}; ${NEL_ESCALATE})`, () => {
    const state = extendedStage2('NEL-1');
    expect(state.stages[1]).toMatchObject({ dueDate: '2026-06-22', policyDueDate: '2026-06-10' });
    const { state: after, events, notices } = act(state, escalate, '2026-06-22T10:00:00+01:00');
    // Stage 3 is due on day 11 (Mon 15 Jun) whatever stage 2's extension said, so it is overdue
    // on entry and escalates; stage 4 (day 15, Fri 19 Jun) likewise; stage 5 (day 22) is not.
    expect(
      after.stages.map((s) => [s.number, s.dueDate, s.outcome, s.breaches.map((b) => b.at)]),
    ).toEqual([
      [1, '2026-06-02', 'escalated', []],
      [2, '2026-06-22', 'escalated', []],
      [3, '2026-06-15', 'escalated', ['2026-06-22T09:00:00.000Z']],
      [4, '2026-06-19', 'escalated', ['2026-06-22T09:00:00.000Z']],
      [5, '2026-06-30', null, []],
    ]);
    expect(events.map((e) => `${e.type} ${e.stage}`)).toEqual([
      'escalated 2',
      'stage-entered 3',
      'stage-breached 3',
      'escalated 3',
      'stage-entered 4',
      'stage-breached 4',
      'escalated 4',
      'stage-entered 5',
    ]);
    const confirmation = notices.find((n) => n.kind === 'confirmation')!;
    expect(confirmation.stage).toBe(3);
    expect(
      (confirmation.data['overdueOnEntry'] as { stage: number; escalatedTo: number }[]).map((o) => [
        o.stage,
        o.escalatedTo,
      ]),
    ).toEqual([
      [3, 4],
      [4, 5],
    ]);
    expect(notices.filter((n) => n.kind === 'breach').map((n) => n.to)).toEqual([
      ['partnership.businessManager'],
      ['partnership.businessManager'],
    ]);
  });

  it('stage 2 breached by the scheduler after its extension: the breach rule enters stage 3 overdue, and it escalates at once, told by breach notices', () => {
    const state = extendedStage2('NEL-2');
    const { state: after, notices } = act(
      state,
      { kind: 'breach', stage: 2 },
      '2026-06-22T17:05:00+01:00',
      scheduler,
    );
    expect(after.stages.map((s) => [s.number, s.startedAt])).toEqual([
      [1, '2026-06-01T09:00:00.000Z'],
      [2, '2026-06-02T09:00:00.000Z'],
      [3, '2026-06-22T16:00:00.000Z'],
      [4, '2026-06-22T16:00:00.000Z'],
      [5, '2026-06-22T16:00:00.000Z'],
    ]);
    expect(
      notices
        .filter((n) => n.kind === 'breach')
        .map((n) => [n.stage, n.to.includes('case.participants')]),
    ).toEqual([
      [2, true],
      [3, true],
      [4, true],
    ]);
  });

  it('the final stage entered after working day 22: overdue on entry, nothing to escalate to, a rationale asked for', () => {
    let state = raised('nel', 'NEL-3');
    state = act(state, escalate, '2026-06-02T10:00:00+01:00').state;
    state = act(state, escalate, '2026-06-03T10:00:00+01:00').state;
    state = act(state, escalate, '2026-06-04T10:00:00+01:00').state;
    state = act(
      state,
      { kind: 'extend', until: '2026-07-03', reason: 'Head of Service on leave' },
      '2026-06-05T10:00:00+01:00',
    ).state;
    const { state: after, notices } = act(state, escalate, '2026-07-02T10:00:00+01:00');
    expect(after.stages[4]).toMatchObject({
      number: 5,
      dueDate: '2026-06-30',
      completedAt: null,
      breaches: [{ at: '2026-07-02T09:00:00.000Z', dueDate: '2026-06-30' }],
    });
    const confirmation = notices.find((n) => n.kind === 'confirmation')!;
    expect(confirmation.data['overdueOnEntry']).toEqual([
      expect.objectContaining({ stage: 5, askRationale: true, escalatedTo: null }),
    ]);
    expect(notices.map((n) => n.kind)).not.toContain('rationale-request');
  });
});

describeQuotesInDocument('south-glos', [SOUTH_GLOS_STAGE_2, SOUTH_GLOS_AGREED]);
describeQuotesInDocument('nel', [NEL_STAGE_3, NEL_ESCALATE]);
