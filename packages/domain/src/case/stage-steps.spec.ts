/**
 * Timed steps inside a stage (issue 11, item 6). NEL stage 5: "The Chair will make a
 * recommendation of the most appropriate way to proceed within 5 days of the notification",
 * read as 5 working days from the day the stage-5 notification goes (the stage's entry), so
 * D0 + 5 as POLICIES.md counts "within N". The step has its own reminder (09:00 the working
 * day before) and breach notice, like a stage deadline; RECOMMEND records it done, and the
 * stage ending first ends it.
 *
 * England and Wales: the summer bank holiday is Mon 31 Aug 2026. 17:00 BST is 16:00Z.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { applyCommand, type CommandResult } from './apply-command';
import { CalendarFileSchema } from '../calendar/calendar.schema';
import { buildWorkingDayCalendar } from '../calendar/working-day-calendar';
import type { Actor, CaseCommand, RaiseCommand } from './case-command';
import type { CaseState } from './case-state';
import { buildChronology } from '../records/chronology';
import { PolicySchema } from '../policy/policy.schema';
import { describeQuotesInDocument } from '../../test/support/policy-quotes';
import { POLICIES_DIR, contextAt, realPolicy } from '../../test/support/policy-library';

const CHAIR_RECOMMENDS =
  'The Chair will make a recommendation of the most appropriate way to proceed within 5 days of the notification';
const NOTIFICATION =
  'The agency raising the dispute must email detail to the NEL SCP Business Manager / SAB Business Manager';
const STAGE_5 = 'Timescale Stage : (To be completed by day working 22)';

const raiser: Actor = { kind: 'participant', id: 'asha.patel@school.example.org', verified: true };
const chair: Actor = { kind: 'partnership', id: 'chair@nel.example.gov.uk', verified: true };
const scheduler: Actor = { kind: 'scheduler', id: 'scheduler', verified: true };

function accepted(result: CommandResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.code}: ${result.refusal.message}`);
  return result;
}

function act(state: CaseState | null, command: CaseCommand, now: string, actor: Actor = raiser) {
  return accepted(applyCommand(state, command, contextAt('nel', now), actor));
}

function refusal(state: CaseState, command: CaseCommand, now: string, actor: Actor = raiser) {
  const result = applyCommand(state, command, contextAt('nel', now), actor);
  if (result.ok) throw new Error('accepted');
  return result.refusal;
}

function raise(at: string): RaiseCommand {
  return {
    kind: 'raise',
    ref: 'NEL-2026-0001',
    raisedAt: new Date(at),
    raisedBy: { name: 'Asha Patel', email: 'asha.patel@school.example.org' },
    caseName: 'Child A',
    agency: 'Riverside Primary School',
    otherAgency: "Children's Services",
    disagreement: 'Referral closed without an assessment',
    category: 'referral-thresholds',
    risk: 'standard',
    startStage: 1,
    otherPractitioner: { name: 'Sam Cole', email: 'sam.cole@council.example.org' },
  };
}

const escalate: CaseCommand = { kind: 'escalate', reason: 'Still no agreement' };

/** Raised at `raisedAt`, escalated stage by stage to stage 5, the last escalation at `at`. */
function atStage5(raisedAt: string, at: string) {
  let state = act(null, raise(raisedAt), raisedAt).state;
  for (let stage = 1; stage < 4; stage++) state = act(state, escalate, raisedAt).state;
  return act(state, escalate, at);
}

describeQuotesInDocument('nel', [CHAIR_RECOMMENDS, NOTIFICATION, STAGE_5]);

describe(`nel stage 5: the Chair's recommendation is a step with its own due date (${CHAIR_RECOMMENDS})`, () => {
  test.each([
    {
      row: 'entered Fri 5 Jun 10:00: D0 that day, due Fri 12 Jun, reminded Thu 11 Jun 09:00',
      raisedAt: '2026-06-01T10:00:00+01:00',
      at: '2026-06-05T10:00:00+01:00',
      startDate: '2026-06-05',
      dueDate: '2026-06-12',
      dueAt: '2026-06-12T16:00:00.000Z',
      remindAt: '2026-06-11T08:00:00.000Z',
    },
    {
      row: 'entered Fri 5 Jun 18:00, after close of business: D0 Mon 8 Jun, due Mon 15 Jun',
      raisedAt: '2026-06-01T10:00:00+01:00',
      at: '2026-06-05T18:00:00+01:00',
      startDate: '2026-06-08',
      dueDate: '2026-06-15',
      dueAt: '2026-06-15T16:00:00.000Z',
      remindAt: '2026-06-12T08:00:00.000Z',
    },
    {
      row: 'entered Wed 26 Aug: the bank holiday Mon 31 Aug is not counted, due Thu 3 Sep',
      raisedAt: '2026-08-24T10:00:00+01:00',
      at: '2026-08-26T10:00:00+01:00',
      startDate: '2026-08-26',
      dueDate: '2026-09-03',
      dueAt: '2026-09-03T16:00:00.000Z',
      remindAt: '2026-09-02T08:00:00.000Z',
    },
  ])('$row', ({ raisedAt, at, startDate, dueDate, dueAt, remindAt }) => {
    const { state, events, notices } = atStage5(raisedAt, at);
    const stage = state.stages[4]!;
    expect(stage.steps).toEqual([
      {
        id: 'chair-recommendation',
        startDate,
        dueDate,
        dueAt,
        remindAt,
        remindedAt: null,
        breachedAt: null,
        checkAt: remindAt,
        completedAt: null,
        endedBy: null,
      },
    ]);
    // The stage's own deadline (day 22) is unchanged by the step.
    expect(stage.dueDate).not.toBe(dueDate);
    expect(events.find((e) => e.type === 'stage-entered')!.data['steps']).toEqual([
      {
        id: 'chair-recommendation',
        title: "The Chair's recommendation of the most appropriate way to proceed",
        dueDate,
        dueAt,
      },
    ]);
    // The notification the step counts from goes as the stage is entered.
    expect(notices.map((n) => [n.kind, n.to])).toContainEqual([
      'stage-notice',
      ['partnership.businessManager'],
    ]);
  });

  it('the stages before stage 5 have no steps', () => {
    const { state } = atStage5('2026-06-01T10:00:00+01:00', '2026-06-05T10:00:00+01:00');
    expect(state.stages.slice(0, 4).map((s) => s.steps)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('nel stage 5: reminder and breach notice of the step, like a stage deadline', () => {
  const entered = () => atStage5('2026-06-01T10:00:00+01:00', '2026-06-05T10:00:00+01:00').state;
  const remind: CaseCommand = { kind: 'step-remind', stage: 5, step: 'chair-recommendation' };
  const breach: CaseCommand = { kind: 'step-breach', stage: 5, step: 'chair-recommendation' };

  it('the reminder goes at 09:00 the working day before, to the Chair and the Business Manager, once', () => {
    expect(refusal(entered(), remind, '2026-06-11T08:59:00+01:00', scheduler).code).toBe('not-due');
    const { state, events, notices } = act(
      entered(),
      remind,
      '2026-06-11T09:00:00+01:00',
      scheduler,
    );
    expect(events.map((e) => [e.type, e.stage, e.data['dueDate']])).toEqual([
      ['step-reminder-due', 5, '2026-06-12'],
    ]);
    expect(notices.map((n) => [n.kind, n.to, n.key])).toEqual([
      [
        'step-reminder',
        ['partnership.chair', 'partnership.businessManager'],
        'step-reminder:5:chair-recommendation:2026-06-12',
      ],
    ]);
    expect(state.stages[4]!.steps![0]).toMatchObject({
      remindedAt: '2026-06-11T08:00:00.000Z',
      checkAt: '2026-06-12T16:00:00.000Z',
    });
    expect(refusal(state, remind, '2026-06-11T10:00:00+01:00', scheduler).code).toBe(
      'already-done',
    );
  });

  it('past close of business on the due date the breach is dated at the due instant and told to all; the stage runs on', () => {
    const state = entered();
    expect(refusal(state, breach, '2026-06-12T17:00:00+01:00', scheduler).code).toBe('not-due');
    // noticed late (the scheduler was down): still dated at the due instant
    const {
      state: after,
      events,
      notices,
    } = act(state, breach, '2026-06-15T08:00:00+01:00', scheduler);
    expect(events.map((e) => [e.type, e.at])).toEqual([
      ['step-breached', '2026-06-12T16:00:00.000Z'],
    ]);
    expect(notices.map((n) => [n.kind, n.to])).toEqual([
      ['step-breach', ['case.participants', 'partnership.chair', 'partnership.businessManager']],
    ]);
    expect(after.stages[4]).toMatchObject({
      number: 5,
      completedAt: null,
      breaches: [],
      dueDate: '2026-06-30',
    });
    expect(after.stages[4]!.steps![0]).toMatchObject({
      breachedAt: '2026-06-12T16:00:00.000Z',
      checkAt: null,
      completedAt: null,
    });
    expect(refusal(after, breach, '2026-06-15T09:00:00+01:00', scheduler).code).toBe(
      'already-done',
    );
    // The recommendation may still come, recorded as late.
    const late = act(
      after,
      { kind: 'recommend', recommendation: 'A resolution panel' },
      '2026-06-16T10:00:00+01:00',
      chair,
    );
    expect(late.events.find((e) => e.type === 'step-done')!.data).toMatchObject({ late: true });
  });
});

describe('RECOMMEND records the step done', () => {
  const entered = () => atStage5('2026-06-01T10:00:00+01:00', '2026-06-05T10:00:00+01:00').state;
  const recommend: CaseCommand = {
    kind: 'recommend',
    recommendation: 'Convene a resolution panel with both heads of service.',
  };

  it('from the Chair (partnership staff): done on time, told to everyone, nothing more due of it', () => {
    const { state, events, notices } = act(
      entered(),
      recommend,
      '2026-06-09T10:00:00+01:00',
      chair,
    );
    expect(events.map((e) => e.type)).toEqual(['participant-added', 'step-done']);
    expect(events[1]!.data).toEqual({
      step: 'chair-recommendation',
      title: "The Chair's recommendation of the most appropriate way to proceed",
      text: 'Convene a resolution panel with both heads of service.',
      dueDate: '2026-06-12',
      late: false,
    });
    expect(state.stages[4]!.steps![0]).toMatchObject({
      completedAt: '2026-06-09T09:00:00.000Z',
      endedBy: 'reply',
      checkAt: null,
    });
    // still open at stage 5, its deadline running
    expect(state.status).toBe('open');
    expect(state.stages[4]!.checkAt).not.toBeNull();
    const confirmation = notices.find((n) => n.kind === 'confirmation')!;
    expect(confirmation.to).toEqual(['case.participants']);
    expect(confirmation.data).toMatchObject({
      action: 'recommend',
      text: recommend.recommendation,
    });
    expect(
      refusal(
        state,
        { kind: 'step-breach', stage: 5, step: 'chair-recommendation' },
        '2026-06-15T10:00:00+01:00',
        scheduler,
      ).code,
    ).toBe('already-done');
    expect(refusal(state, recommend, '2026-06-10T10:00:00+01:00', chair).code).toBe('already-done');
  });

  it('not from either side of the disagreement', () => {
    const refused = refusal(entered(), recommend, '2026-06-09T10:00:00+01:00', raiser);
    expect(refused.code).toBe('not-entitled');
    expect(refused.message).toContain('NEL SCP Chair / SAB Chair');
  });

  it('at a stage with no such step: refused, naming the stage that has one', () => {
    let state = act(null, raise('2026-06-01T10:00:00+01:00'), '2026-06-01T10:00:00+01:00').state;
    state = act(state, escalate, '2026-06-02T10:00:00+01:00').state;
    const refused = refusal(state, recommend, '2026-06-02T11:00:00+01:00', chair);
    expect(refused.code).toBe('no-step');
    expect(refused.message).toContain('stage 5');
  });

  it('RECOMMEND needs the recommendation', () => {
    expect(
      refusal(
        entered(),
        { kind: 'recommend', recommendation: ' ' },
        '2026-06-09T10:00:00+01:00',
        chair,
      ).code,
    ).toBe('text-required');
  });

  it('the stage ending first (DECISION) ends the step: no reminder or breach follows', () => {
    const { state } = act(
      entered(),
      { kind: 'decision', decision: 'The assessment goes ahead.' },
      '2026-06-08T10:00:00+01:00',
      chair,
    );
    expect(state.stages[4]!.steps![0]).toMatchObject({
      completedAt: '2026-06-08T09:00:00.000Z',
      endedBy: 'stage-ended',
      checkAt: null,
    });
  });
});

describe('a closure day added to the calendar moves a step not yet due, as it moves a stage', () => {
  const withClosure = (date: string) => {
    const file = parse(
      readFileSync(join(POLICIES_DIR, 'calendars', 'england-and-wales.yaml'), 'utf8'),
    ) as { closures: unknown[] };
    file.closures = [{ date, reason: 'Offices closed', addedBy: 'A. Admin' }];
    return buildWorkingDayCalendar(CalendarFileSchema.parse(file));
  };
  const recompute: CaseCommand = { kind: 'recompute', reason: 'closure added' };

  it('a closure on Wed 10 Jun: due Mon 15 Jun instead of Fri 12 Jun, told to the participants', () => {
    const state = atStage5('2026-06-01T10:00:00+01:00', '2026-06-05T10:00:00+01:00').state;
    const context = {
      ...contextAt('nel', '2026-06-08T10:00:00+01:00'),
      calendar: withClosure('2026-06-10'),
    };
    const moved = accepted(applyCommand(state, recompute, context, scheduler));
    expect(moved.state.stages[4]!.steps![0]).toMatchObject({
      dueDate: '2026-06-15',
      dueAt: '2026-06-15T16:00:00.000Z',
      remindAt: '2026-06-12T08:00:00.000Z',
      checkAt: '2026-06-12T08:00:00.000Z',
    });
    const notice = moved.notices.find((n) => n.kind === 'deadline-changed')!;
    expect(notice.data['changes']).toContainEqual({
      stage: 5,
      step: "The Chair's recommendation of the most appropriate way to proceed",
      fromDueDate: '2026-06-12',
      dueDate: '2026-06-15',
      dueAt: '2026-06-15T16:00:00.000Z',
    });
  });

  it('a step already breached keeps its date', () => {
    let state = atStage5('2026-06-01T10:00:00+01:00', '2026-06-05T10:00:00+01:00').state;
    state = act(
      state,
      { kind: 'step-breach', stage: 5, step: 'chair-recommendation' },
      '2026-06-12T17:30:00+01:00',
      scheduler,
    ).state;
    const context = {
      ...contextAt('nel', '2026-06-12T17:40:00+01:00'),
      calendar: withClosure('2026-06-11'),
    };
    const result = applyCommand(state, recompute, context, scheduler);
    // the stage's own date (day 22) moves; the step's stays as it was recorded
    const after = accepted(result).state.stages[4]!;
    expect(after.dueDate).toBe('2026-07-01');
    expect(after.steps![0]).toMatchObject({
      dueDate: '2026-06-12',
      breachedAt: '2026-06-12T16:00:00.000Z',
    });
  });
});

describe('the chronology lists the step', () => {
  it('its due date on entering the stage, its reminder, breach and the recommendation', () => {
    const first = atStage5('2026-06-01T10:00:00+01:00', '2026-06-05T10:00:00+01:00');
    const events = [...first.events];
    let state = first.state;
    for (const [command, at, actor] of [
      [
        { kind: 'step-remind', stage: 5, step: 'chair-recommendation' },
        '2026-06-11T09:00:00+01:00',
        scheduler,
      ],
      [
        { kind: 'step-breach', stage: 5, step: 'chair-recommendation' },
        '2026-06-12T17:01:00+01:00',
        scheduler,
      ],
      [
        { kind: 'recommend', recommendation: 'A resolution panel' },
        '2026-06-15T10:00:00+01:00',
        chair,
      ],
    ] as const) {
      const result = act(state, command, at, actor);
      state = result.state;
      events.push(...result.events);
    }
    const lines = buildChronology(state, realPolicy('nel'), events, []).entries.map((e) => e.what);
    expect(lines).toEqual(
      expect.arrayContaining([
        "Stage 5 (NEL SCP / SAB Chair) began by escalation; due 2026-06-30; The Chair's recommendation of the most appropriate way to proceed due 2026-06-12",
        "Reminder: The Chair's recommendation of the most appropriate way to proceed due 2026-06-12",
        "The Chair's recommendation of the most appropriate way to proceed not done by its due date (2026-06-12)",
        "The Chair's recommendation of the most appropriate way to proceed recorded late (due 2026-06-12): A resolution panel",
      ]),
    );
  });
});

describe('policy files declare steps as data', () => {
  const nel = () => structuredClone(realPolicy('nel')) as unknown as Record<string, unknown>;
  const stage5 = (policy: Record<string, unknown>) =>
    (policy['stages'] as Record<string, unknown>[])[4]!;

  it('a step names a partnership role the policy has', () => {
    const policy = nel();
    (stage5(policy)['steps'] as Record<string, unknown>[])[0]!['who'] = 'partnership.panel';
    const result = PolicySchema.safeParse(policy);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('stages.4.steps.0.who');
  });

  it('a step counted from the enter notice needs one', () => {
    const policy = nel();
    stage5(policy)['notices'] = [];
    const result = PolicySchema.safeParse(policy);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(
      'stages.4.steps.0.due.from',
    );
  });

  it('the other policies declare no step: their documents give none with a time of its own', () => {
    for (const id of ['islands', 'south-glos', 'kirklees', 'chew-stoke'])
      expect(realPolicy(id).stages.flatMap((s) => s.steps)).toEqual([]);
  });
});

describe('REASON after a missed step keeps its rationale on the step (POLICIES.md: "A missed timescale needs a documented rationale, sent to the business support manager")', () => {
  const breachedStep = () => {
    const first = atStage5('2026-06-01T10:00:00+01:00', '2026-06-05T10:00:00+01:00');
    const breached = act(
      first.state,
      { kind: 'step-breach', stage: 5, step: 'chair-recommendation' },
      '2026-06-12T17:01:00+01:00',
      scheduler,
    );
    return { state: breached.state, events: [...first.events, ...breached.events] };
  };
  const reason = (rationale: string): CaseCommand => ({ kind: 'reason', rationale });

  test.each([
    {
      row: 'the step missed, no stage breach: the rationale is the step’s',
      stageBreach: false,
      onStep: 'The Chair was on leave that week',
      onStage: undefined,
    },
    {
      row: 'the step missed, then the stage: the latest breach without one (the stage’s) takes it',
      stageBreach: true,
      onStep: undefined,
      onStage: 'The Chair was on leave that week',
    },
  ])('$row', ({ stageBreach, onStep, onStage }) => {
    let { state } = breachedStep();
    if (stageBreach)
      state = act(
        state,
        { kind: 'breach', stage: 5 },
        '2026-06-30T17:01:00+01:00',
        scheduler,
      ).state;
    const {
      state: after,
      events,
      notices,
    } = act(state, reason('The Chair was on leave that week'), '2026-07-01T10:00:00+01:00');
    expect(after.stages[4]!.steps![0]!.rationale?.text).toBe(onStep);
    expect(after.stages[4]!.breaches[0]?.rationale?.text).toBe(onStage);
    const recorded = events.find((e) => e.type === 'rationale-recorded')!;
    expect(recorded.stage).toBe(5);
    expect(recorded.data['step']).toBe(onStep ? 'chair-recommendation' : undefined);
    expect(notices.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['rationale-forwarded', 'confirmation']),
    );
  });

  it('a second REASON explains the one still without a rationale; the chronology names the step', () => {
    const { state: breached, events } = breachedStep();
    let state = act(
      breached,
      { kind: 'breach', stage: 5 },
      '2026-06-30T17:01:00+01:00',
      scheduler,
    ).state;
    for (const text of ['Stage: the panel could not meet', 'Step: the Chair was on leave']) {
      const result = act(state, reason(text), '2026-07-01T10:00:00+01:00');
      state = result.state;
      events.push(...result.events);
    }
    expect(state.stages[4]!.breaches[0]!.rationale!.text).toBe('Stage: the panel could not meet');
    expect(state.stages[4]!.steps![0]!.rationale).toMatchObject({
      text: 'Step: the Chair was on leave',
      by: raiser.id,
    });
    const lines = buildChronology(state, realPolicy('nel'), events, []).entries.map((e) => e.what);
    expect(lines).toEqual(
      expect.arrayContaining([
        "Rationale for the missed deadline of The Chair's recommendation of the most appropriate way to proceed, 2026-06-12: Step: the Chair was on leave",
      ]),
    );
  });

  it('RECOMMEND recorded by an administrator keeps why, in the chronology too', () => {
    const { state, events } = breachedStep();
    const admin: Actor = { kind: 'admin', id: 'api-key:test admin', verified: true };
    const done = act(
      state,
      { kind: 'recommend', recommendation: 'A resolution panel', reason: 'The Chair phoned it in' },
      '2026-06-15T10:00:00+01:00',
      admin,
    );
    expect(done.events.find((e) => e.type === 'step-done')!.data).toMatchObject({
      recordedFor: 'The Chair phoned it in',
      late: true,
    });
    const lines = buildChronology(
      done.state,
      realPolicy('nel'),
      [...events, ...done.events],
      [],
    ).entries.map((e) => e.what);
    expect(lines).toContain(
      "The Chair's recommendation of the most appropriate way to proceed recorded late (due 2026-06-12): A resolution panel (recorded on their behalf: The Chair phoned it in)",
    );
  });
});
