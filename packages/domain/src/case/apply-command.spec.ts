import { applyCommand, type CommandResult } from './apply-command';
import type { Actor, CaseCommand, RaiseCommand } from './case-command';
import type { CaseState } from './case-state';
import { contextAt } from '../../test/support/policy-library';

const practitioner: Actor = {
  kind: 'participant',
  id: 'asha.patel@school.example.org',
  verified: true,
};
const scheduler: Actor = { kind: 'scheduler', id: 'scheduler', verified: true };
const stranger: Actor = { kind: 'stranger', id: 'someone@elsewhere.example.com', verified: true };
const admin: Actor = { kind: 'admin', id: 'api-key:audit-team', verified: true };

function raiseCommand(overrides: Partial<RaiseCommand> = {}): RaiseCommand {
  return {
    kind: 'raise',
    ref: 'NEL-2026-0001',
    raisedAt: new Date('2026-12-23T10:00:00Z'),
    raisedBy: { name: 'Asha Patel', email: 'Asha.Patel@School.example.org' },
    caseName: 'Child A (PID 12345)',
    agency: 'Grange Primary School',
    otherAgency: "Children's Services",
    disagreement: 'Referral closed without an assessment',
    category: 'referral-thresholds',
    risk: 'standard',
    startStage: 1,
    manager: { name: 'Dan Reed', email: 'dan.reed@school.example.org' },
    otherPractitioner: { name: 'Sam Cole', email: 'sam.cole@council.example.gov.uk' },
    copied: [{ email: 'asha.patel@school.example.org' }, { email: 'dsl@school.example.org' }],
    ...overrides,
  };
}

function accepted(result: CommandResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.code}: ${result.refusal.message}`);
  return result;
}

function raise(policy: string, now: string, overrides: Partial<RaiseCommand> = {}) {
  return accepted(
    applyCommand(
      null,
      raiseCommand({ raisedAt: new Date(now), ...overrides }),
      contextAt(policy, now),
      practitioner,
    ),
  );
}

function act(state: CaseState, command: CaseCommand, now: string, actor: Actor = practitioner) {
  return applyCommand(deepFreeze(state), command, contextAt(state.policyId, now), actor);
}

/** The state machine must never change the state it is given. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('raise', () => {
  it('opens the case at stage 1 with its deadline, participants and acknowledgement (NEL: "Timescale Stage 1: (Working Day 1-2)")', () => {
    const { state, events, notices } = raise('nel', '2026-12-23T10:00:00Z');
    expect(state).toMatchObject({
      ref: 'NEL-2026-0001',
      status: 'open',
      version: 1,
      risk: 'standard',
    });
    expect(state.stages).toEqual([
      expect.objectContaining({
        number: 1,
        enteredBy: 'raise',
        startDate: '2026-12-23',
        dueDate: '2026-12-24',
        dueAt: '2026-12-24T17:00:00.000Z',
        outcome: null,
      }),
    ]);
    // "RESOLUTION PROCESS (to be completed within 22 working days (1 month))": day 22 counting
    // 23 Dec as day 1, over Christmas, Boxing Day (substitute 28 Dec) and New Year's Day.
    expect(state.overallDueDate).toBe('2027-01-26');
    expect(state.participants.map((p) => [p.email, p.role])).toEqual([
      ['asha.patel@school.example.org', 'raiser'],
      ['dan.reed@school.example.org', 'manager'],
      ['sam.cole@council.example.gov.uk', 'other-practitioner'],
      ['dsl@school.example.org', 'copied'],
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'case-raised',
      'participant-added',
      'participant-added',
      'participant-added',
      'participant-added',
      'stage-entered',
    ]);
    expect(JSON.stringify(events)).not.toContain('Child A');
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'acknowledgement', stage: 1, to: ['case.participants'] }),
    ]);
    // NEL asks for its recording template at stage 1 (`records:`): the acknowledgement asks for it
    const { form, ...data } = notices[0]!.data;
    expect(data).toEqual({ urgentGuidance: null, askForm: 'recording-template' });
    expect(form).toMatchObject({ id: 'recording-template', ref: 'NEL-2026-0001' });
  });

  it('puts the urgent guidance in the first reply when there is immediate risk', () => {
    const { notices } = raise('nel', '2026-12-23T10:00:00Z', { risk: 'immediate' });
    expect(notices[0]!.data['urgentGuidance']).toMatch(/MASH/);
  });

  it('refuses a start above stage 1 where the policy does not allow it', () => {
    const result = applyCommand(
      null,
      raiseCommand({ startStage: 3 }),
      contextAt('nel', '2026-12-23T10:00:00Z'),
      practitioner,
    );
    expect(result).toEqual({
      ok: false,
      refusal: expect.objectContaining({ code: 'bad-start-stage' }),
    });
  });

  it('starts at stage 3 where the policy allows it and sends that stage\'s notice (south-glos: "discretion should be used as to which stage is initiated")', () => {
    const { state, notices } = raise('south-glos', '2026-11-24T10:00:00Z', {
      ref: 'SGSAB-2026-0001',
      startStage: 3,
      category: 'other',
    });
    // "Stage Three Within 3 working days", counted from the outset: Tue 24 Nov + 3 = Fri 27 Nov.
    expect(state.stages[0]).toMatchObject({ number: 3, dueDate: '2026-11-27' });
    expect(notices.map((n) => [n.kind, n.to])).toEqual(
      expect.arrayContaining([
        ['stage-notice', ['partnership.strategicSafeguardingServiceManager']],
      ]),
    );
  });

  it.each([
    [raiseCommand({ startStage: 9 }), 'bad-start-stage'],
    [raiseCommand({ category: 'gossip' }), 'unknown-category'],
  ])('refuses a bad raise (%#)', (command, code) => {
    const result = applyCommand(
      null,
      command,
      contextAt('nel', '2026-12-23T10:00:00Z'),
      practitioner,
    );
    expect(result).toEqual({ ok: false, refusal: expect.objectContaining({ code }) });
  });

  it('refuses to raise a case twice', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    expect(act(state, raiseCommand(), '2026-12-23T11:00:00Z')).toEqual({
      ok: false,
      refusal: expect.objectContaining({ code: 'case-exists' }),
    });
  });
});

describe('escalate', () => {
  it('moves to the next stage whose cumulative deadline does not move (NEL: "Timescale Stage 2: (To be completed by working day 8)")', () => {
    const raised = raise('nel', '2026-12-23T10:00:00Z');
    const { state, events, notices } = accepted(
      act(
        raised.state,
        {
          kind: 'escalate',
          reason: 'No agreement on the threshold',
          nextContacts: [{ name: 'Jo Lee', email: 'jo.lee@council.example.gov.uk' }],
        },
        '2026-12-24T09:30:00Z',
      ),
    );
    expect(state.version).toBe(2);
    expect(state.stages[0]).toMatchObject({
      outcome: 'escalated',
      completedAt: '2026-12-24T09:30:00.000Z',
    });
    expect(state.stages[1]).toMatchObject({
      number: 2,
      enteredBy: 'escalation',
      dueDate: '2027-01-06',
    });
    expect(state.participants.at(-1)).toMatchObject({
      email: 'jo.lee@council.example.gov.uk',
      role: 'next-contact',
      joinedAtStage: 2,
    });
    expect(events.map((e) => e.type)).toEqual(['escalated', 'participant-added', 'stage-entered']);
    expect(notices).toEqual([
      expect.objectContaining({ kind: 'confirmation', stage: 2, to: ['case.participants'] }),
      // the next contact is told what the case is about and how to act (issue 10)
      expect.objectContaining({
        kind: 'added-to-case',
        to: ['address:jo.lee@council.example.gov.uk'],
      }),
    ]);
  });

  it('sends the policy notice on entering a stage (islands stage 2: "A notification will need to be sent to the Partnership Business Support Manager")', () => {
    const raised = raise('islands', '2026-11-24T10:00:00Z', {
      ref: 'ISP-2026-0001',
      category: 'other',
    });
    const { notices } = accepted(
      act(raised.state, { kind: 'escalate', reason: 'Unresolved' }, '2026-11-24T12:00:00Z'),
    );
    expect(notices).toContainEqual(
      expect.objectContaining({ kind: 'stage-notice', to: ['partnership.businessSupportManager'] }),
    );
  });

  it('refuses to escalate from the final stage', () => {
    let state = raise('south-glos', '2026-11-24T10:00:00Z', {
      ref: 'SGSAB-2026-0002',
      startStage: 4,
      category: 'other',
    }).state;
    const result = act(state, { kind: 'escalate', reason: 'still stuck' }, '2026-11-24T11:00:00Z');
    expect(result).toEqual({
      ok: false,
      refusal: expect.objectContaining({ code: 'final-stage' }),
    });
    state = accepted(
      act(
        state,
        { kind: 'decision', decision: 'Panel: the assessment goes ahead' },
        '2026-11-24T12:00:00Z',
      ),
    ).state;
    expect(state.status).toBe('decided');
  });

  it('refuses an escalation without a reason', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    expect(act(state, { kind: 'escalate', reason: '  ' }, '2026-12-23T11:00:00Z')).toEqual({
      ok: false,
      refusal: {
        code: 'text-required',
        message: expect.stringContaining('ESCALATE needs the reason'),
      },
    });
  });
});

describe('closing a case', () => {
  it('resolves with the agreed outcome and outstanding items, shared with everyone', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    const result = accepted(
      act(
        state,
        { kind: 'resolve', outcome: 'Assessment agreed', outstanding: ['GP report by Friday'] },
        '2026-12-23T15:00:00Z',
      ),
    );
    expect(result.state).toMatchObject({
      status: 'resolved',
      closedAt: '2026-12-23T15:00:00.000Z',
      closingText: 'Assessment agreed',
      outstanding: ['GP report by Friday'],
    });
    expect(result.state.stages[0]).toMatchObject({
      outcome: 'resolved',
      completedAt: '2026-12-23T15:00:00.000Z',
    });
    // the confirmation to everyone, then the learning request to each participant on its own
    expect(result.notices).toEqual([
      expect.objectContaining({ kind: 'confirmation', to: ['case.participants'] }),
      ...result.state.participants.map((p): unknown =>
        expect.objectContaining({ kind: 'learning-request', to: [`address:${p.email}`] }),
      ),
    ]);
    expect(result.state.participants.length).toBeGreaterThan(1);
  });

  it('refuses to resolve without an agreed outcome', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    expect(act(state, { kind: 'resolve', outcome: '' }, '2026-12-23T15:00:00Z')).toEqual({
      ok: false,
      refusal: expect.objectContaining({ code: 'text-required' }),
    });
  });

  it('tells the board manager of any outcome of stage 4 (chew-stoke: "Board Manager should be advised of any outcome")', () => {
    let { state } = raise('chew-stoke', '2026-11-24T10:00:00Z', {
      ref: 'CSO-2026-0001',
      startStage: 4,
      category: 'other',
    });
    const resolved = accepted(
      act(state, { kind: 'resolve', outcome: 'Agreed' }, '2026-11-25T10:00:00Z'),
    );
    expect(resolved.notices).toContainEqual(
      expect.objectContaining({ kind: 'stage-notice', to: ['partnership.boardManager'] }),
    );
    state = raise('chew-stoke', '2026-11-24T10:00:00Z', {
      ref: 'CSO-2026-0002',
      startStage: 4,
      category: 'other',
    }).state;
    const escalated = accepted(
      act(state, { kind: 'escalate', reason: 'Not agreed' }, '2026-11-25T10:00:00Z'),
    );
    expect(escalated.notices.map((n) => n.to[0])).toEqual([
      'partnership.boardManager',
      'partnership.chair',
      'case.participants',
    ]);
  });

  it('withdraws with a reason', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    expect(
      accepted(act(state, { kind: 'withdraw', reason: 'Raised in error' }, '2026-12-23T12:00:00Z'))
        .state.status,
    ).toBe('withdrawn');
  });

  it('takes a DECISION only at the final stage', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    expect(act(state, { kind: 'decision', decision: 'Proceed' }, '2026-12-23T12:00:00Z')).toEqual({
      ok: false,
      refusal: expect.objectContaining({ code: 'not-final-stage' }),
    });
  });

  it.each<CaseCommand>([
    { kind: 'escalate', reason: 'x' },
    { kind: 'resolve', outcome: 'x' },
    { kind: 'note', note: 'x' },
    { kind: 'extend', workingDays: 2, reason: 'x' },
    { kind: 'withdraw', reason: 'x' },
  ])('refuses %j on a closed case', (command) => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    const closed = accepted(
      act(state, { kind: 'resolve', outcome: 'Agreed' }, '2026-12-23T12:00:00Z'),
    ).state;
    expect(act(closed, command, '2026-12-23T13:00:00Z')).toEqual({
      ok: false,
      refusal: expect.objectContaining({ code: 'case-closed' }),
    });
  });
});

describe('who may act', () => {
  it('refuses a stranger and changes nothing', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    expect(
      act(state, { kind: 'resolve', outcome: 'Agreed' }, '2026-12-23T12:00:00Z', stranger),
    ).toEqual({
      ok: false,
      refusal: expect.objectContaining({ code: 'not-entitled' }),
    });
  });

  it('keeps the scheduler to reminders and breaches, and people away from them', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    expect(
      act(state, { kind: 'escalate', reason: 'x' }, '2026-12-23T12:00:00Z', scheduler),
    ).toMatchObject({ ok: false, refusal: { code: 'not-entitled' } });
    expect(
      act(state, { kind: 'breach', stage: 1 }, '2026-12-28T12:00:00Z', practitioner),
    ).toMatchObject({ ok: false, refusal: { code: 'not-entitled' } });
    expect(
      applyCommand(null, raiseCommand(), contextAt('nel', '2026-12-23T10:00:00Z'), scheduler),
    ).toMatchObject({ ok: false });
  });

  it('adds a directory contact who acts to the case, so they hear what follows', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    const contact: Actor = {
      kind: 'directory-contact',
      id: 'Head.Of.Service@Council.example.gov.uk',
      name: 'Head of Service',
      verified: false,
    };
    const result = accepted(
      act(state, { kind: 'note', note: 'I am looking at this' }, '2026-12-23T12:00:00Z', contact),
    );
    expect(result.state.participants.at(-1)).toMatchObject({
      email: 'head.of.service@council.example.gov.uk',
      role: 'contact',
    });
    expect(result.events.at(-1)).toMatchObject({
      type: 'noted',
      verified: false,
      actor: 'Head.Of.Service@Council.example.gov.uk',
    });
  });

  it('lets an administrator act without joining the case', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    const result = accepted(
      act(
        state,
        { kind: 'note', note: 'Imported from the spreadsheet' },
        '2026-12-23T12:00:00Z',
        admin,
      ),
    );
    expect(result.state.participants).toHaveLength(state.participants.length);
  });
});

describe('extend', () => {
  it('adds working days to the date in force and keeps the original on record', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    const result = accepted(
      act(
        state,
        { kind: 'extend', workingDays: 2, reason: 'Awaiting GP report' },
        '2026-12-24T10:00:00Z',
      ),
    );
    // Thu 24 Dec + 2 working days: 25, 26, 27 and the substitute 28 are not working days.
    expect(result.state.stages[0]).toMatchObject({
      policyDueDate: '2026-12-24',
      dueDate: '2026-12-30',
      dueAt: '2026-12-30T17:00:00.000Z',
      remindedAt: null,
    });
    expect(result.state.stages[0]!.extensions).toEqual([
      expect.objectContaining({
        fromDueDate: '2026-12-24',
        dueDate: '2026-12-30',
        reason: 'Awaiting GP report',
        agreedBy: practitioner.id,
      }),
    ]);
  });

  it('agrees a named date, and names the next working day when that date is a holiday', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    expect(
      act(state, { kind: 'extend', until: '2026-12-28', reason: 'x' }, '2026-12-24T10:00:00Z'),
    ).toEqual({
      ok: false,
      refusal: {
        code: 'bad-extension',
        message:
          '2026-12-28 is not a working day (Boxing Day (Substitute day)); the next working day is 2026-12-29.',
      },
    });
    const result = accepted(
      act(
        state,
        { kind: 'extend', until: '2027-01-05', reason: 'Strategy meeting then' },
        '2026-12-24T10:00:00Z',
      ),
    );
    expect(result.state.stages[0]!.dueDate).toBe('2027-01-05');
  });

  it('names a past date as past, even one that was not a working day (issue 10, item 9)', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    expect(
      act(state, { kind: 'extend', until: '2026-12-26', reason: 'x' }, '2026-12-30T10:00:00Z'),
    ).toEqual({
      ok: false,
      refusal: {
        code: 'bad-extension',
        message: '2026-12-26 has already passed; agree a date from today on.',
      },
    });
  });

  it('refuses a date that has passed, and a policy without timescales', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    expect(
      act(state, { kind: 'extend', until: '2026-12-24', reason: 'x' }, '2026-12-30T10:00:00Z'),
    ).toMatchObject({ ok: false, refusal: { code: 'bad-extension' } });
    const chew = raise('chew-stoke', '2026-11-24T10:00:00Z', {
      ref: 'CSO-2026-0003',
      category: 'other',
    }).state;
    expect(
      act(chew, { kind: 'extend', workingDays: 3, reason: 'x' }, '2026-11-24T11:00:00Z'),
    ).toMatchObject({ ok: false, refusal: { code: 'no-deadline' } });
  });
});

describe('the scheduler: reminders', () => {
  // NEL stage 2 is due by working day 8, Wed 6 Jan 2027: the reminder is 09:00 on Tue 5 Jan.
  const atStage2 = () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    return accepted(act(state, { kind: 'escalate', reason: 'x' }, '2026-12-23T12:00:00Z')).state;
  };

  it('reminds the participants one working day before the due date, at 09:00', () => {
    const state = atStage2();
    expect(
      act(state, { kind: 'remind', stage: 2 }, '2027-01-05T08:59:59Z', scheduler),
    ).toMatchObject({ ok: false, refusal: { code: 'not-due' } });
    const result = accepted(
      act(state, { kind: 'remind', stage: 2 }, '2027-01-05T09:00:00Z', scheduler),
    );
    expect(result.notices).toEqual([
      expect.objectContaining({
        kind: 'reminder',
        key: 'reminder:2:2027-01-06',
        to: ['case.participants'],
      }),
    ]);
    expect(
      act(result.state, { kind: 'remind', stage: 2 }, '2027-01-05T09:01:00Z', scheduler),
    ).toMatchObject({ ok: false, refusal: { code: 'already-done' } });
  });

  it('skips a reminder whose due date has passed', () => {
    expect(
      act(atStage2(), { kind: 'remind', stage: 2 }, '2027-01-07T09:00:00Z', scheduler),
    ).toMatchObject({ ok: false, refusal: { code: 'past-due' } });
  });

  it('has no reminder for a stage too short for one', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    expect(
      act(state, { kind: 'remind', stage: 1 }, '2026-12-23T11:00:00Z', scheduler),
    ).toMatchObject({ ok: false, refusal: { code: 'no-deadline' } });
  });
});

describe('the scheduler: breaches and the breach rule', () => {
  it('escalates on breach, dated at the due instant (NEL: "If unresolved escalate")', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    expect(
      act(state, { kind: 'breach', stage: 1 }, '2026-12-24T17:00:00Z', scheduler),
    ).toMatchObject({ ok: false, refusal: { code: 'not-due' } });
    // Noticed days late, after downtime: still dated at the due instant.
    const result = accepted(
      act(state, { kind: 'breach', stage: 1 }, '2026-12-29T08:00:00Z', scheduler),
    );
    expect(result.state.stages[0]).toMatchObject({
      outcome: 'escalated',
      completedAt: '2026-12-24T17:00:00.000Z',
      breaches: [
        {
          at: '2026-12-24T17:00:00.000Z',
          dueDate: '2026-12-24',
          recordedAt: '2026-12-29T08:00:00.000Z',
        },
      ],
    });
    expect(result.state.stages[1]).toMatchObject({
      number: 2,
      enteredBy: 'breach',
      startedAt: '2026-12-24T17:00:00.000Z',
      dueDate: '2027-01-06',
    });
    expect(result.events.map((e) => [e.type, e.at])).toEqual([
      ['stage-breached', '2026-12-24T17:00:00.000Z'],
      ['escalated', '2026-12-24T17:00:00.000Z'],
      ['stage-entered', '2026-12-24T17:00:00.000Z'],
    ]);
    expect(result.notices).toEqual([
      expect.objectContaining({
        kind: 'breach',
        key: 'breach:1:2026-12-24',
        to: ['case.participants', 'partnership.businessManager'],
      }),
    ]);
    expect(
      act(result.state, { kind: 'breach', stage: 1 }, '2026-12-29T08:01:00Z', scheduler),
    ).toMatchObject({ ok: false, refusal: { code: 'already-done' } });
  });

  it('escalates and asks for the rationale (islands: "a clear rational for the delay in progression must be documented")', () => {
    const { state } = raise('islands', '2026-11-24T10:00:00Z', {
      ref: 'ISP-2026-0002',
      category: 'other',
    });
    const result = accepted(
      act(state, { kind: 'breach', stage: 1 }, '2026-11-25T17:00:01Z', scheduler),
    );
    expect(result.notices.map((n) => n.kind)).toEqual([
      'breach',
      'rationale-request',
      'stage-notice',
    ]);
    expect(result.state.stages[1]).toMatchObject({ number: 2, dueDate: '2026-11-27' });
  });

  it('asks for an agreed timescale and does not escalate (south-glos: "Timescales should be agreed if it is not possible to adhere to this timeframe")', () => {
    const { state } = raise('south-glos', '2026-11-24T10:00:00Z', {
      ref: 'SGSAB-2026-0003',
      category: 'other',
    });
    const result = accepted(
      act(state, { kind: 'breach', stage: 1 }, '2026-11-25T17:00:01Z', scheduler),
    );
    expect(result.notices.map((n) => n.kind)).toEqual(['breach', 'timescale-request']);
    expect(result.state.stages).toHaveLength(1);
    const extended = accepted(
      act(
        result.state,
        { kind: 'extend', workingDays: 2, reason: 'Agreed with both managers' },
        '2026-11-26T09:00:00Z',
      ),
    );
    expect(extended.state.stages[0]!.dueDate).toBe('2026-11-27');
  });

  it("only tells people where escalation is the practitioners' act (kirklees)", () => {
    const { state } = raise('kirklees', '2026-11-24T10:00:00Z', {
      ref: 'KSCP-2026-0001',
      category: 'other',
    });
    const result = accepted(
      act(state, { kind: 'breach', stage: 1 }, '2026-12-01T17:00:01Z', scheduler),
    );
    expect(result.notices.map((n) => n.kind)).toEqual(['breach']);
    expect(result.state.stages).toHaveLength(1);
  });

  it('asks for a rationale when the final stage runs out (NEL stage 5: nothing to escalate to)', () => {
    let { state } = raise('nel', '2026-12-23T10:00:00Z');
    for (let i = 0; i < 4; i++)
      state = accepted(
        act(state, { kind: 'escalate', reason: 'unresolved' }, '2026-12-23T12:00:00Z'),
      ).state;
    expect(state.stages.at(-1)).toMatchObject({ number: 5, dueDate: '2027-01-26' });
    const result = accepted(
      act(state, { kind: 'breach', stage: 5 }, '2027-01-26T17:00:01Z', scheduler),
    );
    expect(result.notices.map((n) => n.kind)).toEqual(['breach', 'rationale-request']);
    expect(result.state.stages.at(-1)).toMatchObject({ number: 5, outcome: null });
  });
});

describe('REASON and NOTE', () => {
  it('records the rationale on the breach and forwards it to the partnership', () => {
    const { state } = raise('islands', '2026-11-24T10:00:00Z', {
      ref: 'ISP-2026-0003',
      category: 'other',
    });
    expect(act(state, { kind: 'reason', rationale: 'x' }, '2026-11-24T11:00:00Z')).toMatchObject({
      ok: false,
      refusal: { code: 'nothing-breached' },
    });
    const breached = accepted(
      act(state, { kind: 'breach', stage: 1 }, '2026-11-25T17:00:01Z', scheduler),
    ).state;
    const result = accepted(
      act(breached, { kind: 'reason', rationale: 'The GP was on leave' }, '2026-11-26T09:00:00Z'),
    );
    expect(result.state.stages[0]!.breaches[0]!.rationale).toEqual({
      text: 'The GP was on leave',
      by: practitioner.id,
      at: '2026-11-26T09:00:00.000Z',
    });
    expect(result.notices).toContainEqual(
      expect.objectContaining({
        kind: 'rationale-forwarded',
        to: ['partnership.businessSupportManager'],
      }),
    );
  });

  it('adds a note and confirms it to everyone', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    const result = accepted(
      act(state, { kind: 'note', note: 'Spoke to the GP' }, '2026-12-23T11:00:00Z'),
    );
    expect(result.events).toEqual([
      expect.objectContaining({ type: 'noted', data: { note: 'Spoke to the GP' } }),
    ]);
    expect(result.notices.map((n) => n.kind)).toEqual(['confirmation']);
  });
});

describe("the scheduler's next look", () => {
  it('points at the reminder, then the due instant, then nothing once breached (south-glos: no escalation)', () => {
    // Raised Tue 24 Nov 10:00; stage 2 due by day 2 from the outset, Thu 26 Nov; reminder Wed 25 Nov 09:00.
    const raised = raise('south-glos', '2026-11-24T10:00:00Z', {
      ref: 'SGSAB-2026-0009',
      category: 'other',
      startStage: 2,
    });
    expect(raised.state.stages[0]).toMatchObject({
      dueDate: '2026-11-26',
      remindAt: '2026-11-25T09:00:00.000Z',
      checkAt: '2026-11-25T09:00:00.000Z',
    });
    const reminded = accepted(
      act(raised.state, { kind: 'remind', stage: 2 }, '2026-11-25T09:00:00Z', scheduler),
    );
    expect(reminded.state.stages[0]!.checkAt).toBe('2026-11-26T17:00:00.000Z');
    const breached = accepted(
      act(reminded.state, { kind: 'breach', stage: 2 }, '2026-11-26T17:00:01Z', scheduler),
    );
    expect(breached.state.stages[0]!.checkAt).toBeNull();
    // An agreed extension gives the stage a new due date, and the scheduler looks again.
    const extended = accepted(
      act(
        breached.state,
        { kind: 'extend', workingDays: 2, reason: 'agreed' },
        '2026-11-27T09:00:00Z',
      ),
    );
    expect(extended.state.stages[0]).toMatchObject({
      dueDate: '2026-11-30',
      remindAt: '2026-11-27T09:00:00.000Z',
      checkAt: '2026-11-27T09:00:00.000Z',
    });
  });

  it('stops looking at a closed case', () => {
    const { state } = raise('nel', '2026-12-23T10:00:00Z');
    expect(state.overallCheckAt).toBe('2027-01-26T17:00:00.000Z');
    const closed = accepted(
      act(state, { kind: 'resolve', outcome: 'Agreed' }, '2026-12-23T12:00:00Z'),
    ).state;
    expect(closed.stages[0]!.checkAt).toBeNull();
    expect(closed.overallCheckAt).toBeNull();
  });
});

describe('the overall limit (NEL: "RESOLUTION PROCESS (to be completed within 22 working days (1 month))")', () => {
  it('is recorded once when passed, dated at the limit, and told to everyone and the partnership', () => {
    let { state } = raise('nel', '2026-12-23T10:00:00Z');
    for (let i = 0; i < 4; i++)
      state = accepted(
        act(state, { kind: 'escalate', reason: 'unresolved' }, '2026-12-23T12:00:00Z'),
      ).state;
    state = accepted(
      act(
        state,
        { kind: 'extend', until: '2027-02-05', reason: 'Chair agreed' },
        '2027-01-20T12:00:00Z',
      ),
    ).state;
    expect(act(state, { kind: 'overall-breach' }, '2027-01-26T17:00:00Z', scheduler)).toMatchObject(
      { ok: false, refusal: { code: 'not-due' } },
    );
    const result = accepted(
      act(state, { kind: 'overall-breach' }, '2027-01-27T08:00:00Z', scheduler),
    );
    expect(result.state).toMatchObject({
      overallBreachedAt: '2027-01-26T17:00:00.000Z',
      overallCheckAt: null,
      status: 'open',
    });
    expect(result.events).toEqual([
      expect.objectContaining({ type: 'overall-limit-breached', at: '2027-01-26T17:00:00.000Z' }),
    ]);
    expect(result.notices).toEqual([
      expect.objectContaining({
        kind: 'overall-breach',
        key: 'overall-breach',
        to: ['case.participants', 'partnership.businessManager'],
      }),
    ]);
    expect(
      act(result.state, { kind: 'overall-breach' }, '2027-01-27T09:00:00Z', scheduler),
    ).toMatchObject({ ok: false, refusal: { code: 'already-done' } });
  });

  it('does not exist where a policy sets none', () => {
    const { state } = raise('kirklees', '2026-11-24T10:00:00Z', {
      ref: 'KSCP-2026-0009',
      category: 'other',
    });
    expect(state.overallCheckAt).toBeNull();
    expect(act(state, { kind: 'overall-breach' }, '2027-06-01T09:00:00Z', scheduler)).toMatchObject(
      { ok: false, refusal: { code: 'no-deadline' } },
    );
  });
});
