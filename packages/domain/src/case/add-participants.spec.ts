import { contextAt } from '../../test/support/policy-library';
import { applyCommand, type CommandResult } from './apply-command';
import type { Actor, CaseCommand, RaiseCommand } from './case-command';
import type { CaseState } from './case-state';

const NOW = '2026-11-24T10:00:00Z';
const LATER = '2026-11-24T12:00:00Z';
const raiser: Actor = { kind: 'participant', id: 'asha.patel@school.example.org', verified: true };
const other: Actor = { kind: 'participant', id: 'sam.cole@council.example.gov.uk', verified: true };
const staff: Actor = {
  kind: 'partnership',
  id: 'business.manager@scp.example.org',
  name: 'Business Manager',
  verified: true,
};
const admin: Actor = { kind: 'admin', id: 'api-key:audit-team', verified: true };
const stranger: Actor = { kind: 'stranger', id: 'someone@elsewhere.example.com', verified: true };
const scheduler: Actor = { kind: 'scheduler', id: 'scheduler', verified: true };

const newHolder = {
  name: 'Jo Lane',
  email: 'jo.lane@council.example.gov.uk',
  roleTitle: 'Service Manager',
};

function accepted(result: CommandResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.code}: ${result.refusal.message}`);
  return result;
}

function raise(policy = 'nel'): CaseState {
  const command: RaiseCommand = {
    kind: 'raise',
    ref: 'NEL-2026-0001',
    raisedAt: new Date(NOW),
    raisedBy: { name: 'Asha Patel', email: raiser.id },
    caseName: 'Child A (PID 12345)',
    agency: 'Grange Primary School',
    otherAgency: "Children's Services",
    disagreement: 'Referral closed without an assessment',
    category: 'other',
    risk: 'standard',
    startStage: 1,
    manager: { name: 'Dan Reed', email: 'dan.reed@school.example.org' },
    otherPractitioner: { name: 'Sam Cole', email: other.id },
  };
  return accepted(applyCommand(null, command, contextAt(policy, NOW), raiser)).state;
}

function act(state: CaseState, command: CaseCommand, actor: Actor = raiser, now = LATER) {
  return applyCommand(state, command, contextAt(state.policyId, now), actor);
}

describe('ADD (issue 10: "Any participant (and partnership staff) may add people")', () => {
  it.each([
    ['a participant', raiser],
    ['the other side', other],
    ['partnership staff', staff],
    ['an administrator through the API', admin],
  ])('lets %s bring someone in, who is told what the case is about', (_, actor) => {
    const state = raise();
    const result = accepted(
      act(state, { kind: 'add', people: [newHolder], note: 'Jo now holds stage 1' }, actor),
    );
    expect(result.state.participants).toContainEqual(
      expect.objectContaining({
        email: 'jo.lane@council.example.gov.uk',
        name: 'Jo Lane',
        role: 'added',
        roleTitle: 'Service Manager',
        joinedAtStage: 1,
      }),
    );
    expect(result.events).toContainEqual(
      expect.objectContaining({
        type: 'participant-added',
        data: expect.objectContaining({
          email: 'jo.lane@council.example.gov.uk',
          role: 'added',
          roleTitle: 'Service Manager',
          addedBy: actor.id,
        }),
      }),
    );
    // The newcomer gets a notice of their own; the confirmation tells everyone who joined.
    const welcome = result.notices.filter((notice) => notice.kind === 'added-to-case');
    expect(welcome).toEqual([
      expect.objectContaining({
        to: ['address:jo.lane@council.example.gov.uk'],
        data: {
          added: [
            {
              name: 'Jo Lane',
              email: 'jo.lane@council.example.gov.uk',
              roleTitle: 'Service Manager',
            },
          ],
          action: 'add',
          text: 'Jo now holds stage 1',
        },
      }),
    ]);
    expect(result.notices).toContainEqual(
      expect.objectContaining({
        kind: 'confirmation',
        to: ['case.participants'],
        data: expect.objectContaining({
          action: 'add',
          text: 'Jo now holds stage 1',
          added: [expect.objectContaining({ email: 'jo.lane@council.example.gov.uk' })],
        }),
      }),
    );
    expect(result.state.stages).toEqual(state.stages);
    expect(result.state.status).toBe('open');
  });

  it('tells partnership staff who act nothing new: they joined on their own account', () => {
    const result = accepted(act(raise(), { kind: 'add', people: [newHolder] }, staff));
    const welcome = result.notices.find((notice) => notice.kind === 'added-to-case');
    expect(welcome?.to).toEqual(['address:jo.lane@council.example.gov.uk']);
    expect(result.state.participants).toContainEqual(
      expect.objectContaining({ email: staff.id, role: 'contact' }),
    );
  });

  it.each([
    ['a stranger', stranger, 'not-entitled'],
    ['the scheduler', scheduler, 'not-entitled'],
  ])('refuses %s', (_, actor, code) => {
    expect(act(raise(), { kind: 'add', people: [newHolder] }, actor)).toMatchObject({
      ok: false,
      refusal: { code },
    });
  });

  it('tells a stranger how to be brought in: ask someone on the case to reply ADD', () => {
    const result = act(raise(), { kind: 'note', note: 'let me in' }, stranger);
    expect(result).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining('a reply ADD, with your name and address') },
    });
  });

  it('refuses an ADD naming nobody, saying what to write', () => {
    expect(act(raise(), { kind: 'add', people: [] })).toMatchObject({
      ok: false,
      refusal: {
        code: 'text-required',
        message: expect.stringContaining('Name <name@example.org>'),
      },
    });
  });

  it('refuses an ADD of people already on the case, naming them', () => {
    expect(
      act(raise(), { kind: 'add', people: [{ email: 'Dan.Reed@school.example.org' }] }),
    ).toMatchObject({
      ok: false,
      refusal: {
        code: 'already-done',
        message: 'Dan.Reed@school.example.org is already on the case; nobody was added.',
      },
    });
  });

  it('adds only those not already on the case, and tells only them', () => {
    const result = accepted(
      act(raise(), { kind: 'add', people: [{ email: 'dan.reed@school.example.org' }, newHolder] }),
    );
    expect(result.notices.find((notice) => notice.kind === 'added-to-case')?.to).toEqual([
      'address:jo.lane@council.example.gov.uk',
    ]);
  });

  it('keeps to the caps on participants: more than one message may add is refused whole', () => {
    const many = Array.from({ length: 21 }, (_, n) => ({ email: `p${n}@council.example.gov.uk` }));
    const state = raise();
    expect(act(state, { kind: 'add', people: many })).toMatchObject({
      ok: false,
      refusal: { code: 'too-many-participants' },
    });
    const limited = applyCommand(
      state,
      { kind: 'add', people: many.slice(0, 3) },
      { ...contextAt('nel', LATER), participantLimits: { perMessage: 20, perCase: 5 } },
      raiser,
    );
    expect(limited).toMatchObject({ ok: false, refusal: { code: 'too-many-participants' } });
  });

  it('brings in whoever holds the stage the breach rule moved the case to (NEL: "If unresolved escalate")', () => {
    const breached = accepted(
      act(raise(), { kind: 'breach', stage: 1 }, scheduler, '2026-11-26T09:00:00Z'),
    ).state;
    expect(breached.stages.at(-1)?.number).toBe(2);
    const result = accepted(
      act(breached, { kind: 'add', people: [newHolder] }, raiser, '2026-11-26T10:00:00Z'),
    );
    expect(result.state.participants.at(-1)).toMatchObject({ role: 'added', joinedAtStage: 2 });
    expect(result.notices.find((notice) => notice.kind === 'added-to-case')).toMatchObject({
      stage: 2,
    });
  });
});

describe('"Next contact:" lines on any command (issue 10)', () => {
  const next = { name: 'Jo Lane', email: 'jo.lane@council.example.gov.uk' };
  it.each<[string, CaseCommand]>([
    ['NOTE', { kind: 'note', note: 'Jo takes this on', nextContacts: [next] }],
    ['EXTEND', { kind: 'extend', workingDays: 2, reason: 'awaiting Jo', nextContacts: [next] }],
    ['RESOLVED', { kind: 'resolve', outcome: 'Agreed', outstanding: [], nextContacts: [next] }],
    ['WITHDRAW', { kind: 'withdraw', reason: 'Resolved locally', nextContacts: [next] }],
  ])('%s brings the next contact onto the case at the stage it is at', (_, command) => {
    const result = accepted(act(raise(), command, raiser));
    expect(result.state.participants.at(-1)).toMatchObject({
      email: 'jo.lane@council.example.gov.uk',
      role: 'next-contact',
      joinedAtStage: 1,
    });
    expect(result.notices).toContainEqual(
      expect.objectContaining({
        kind: 'added-to-case',
        to: ['address:jo.lane@council.example.gov.uk'],
      }),
    );
    expect(result.notices.find((notice) => notice.kind === 'confirmation')?.data).toMatchObject({
      added: [{ name: 'Jo Lane', email: 'jo.lane@council.example.gov.uk', roleTitle: null }],
    });
  });

  it('REASON after a breach brings them in at the stage the case is at', () => {
    const breached = accepted(
      act(raise(), { kind: 'breach', stage: 1 }, scheduler, '2026-11-26T09:00:00Z'),
    ).state;
    const result = accepted(
      act(
        breached,
        { kind: 'reason', rationale: 'handover to Jo', nextContacts: [next] },
        raiser,
        '2026-11-26T10:00:00Z',
      ),
    );
    expect(result.state.participants.at(-1)).toMatchObject({
      role: 'next-contact',
      joinedAtStage: 2,
    });
    expect(result.notices.map((notice) => notice.kind)).toContain('added-to-case');
  });

  it('DECISION at the final stage brings them in too', () => {
    let state = raise('chew-stoke');
    for (let stage = 1; stage < 5; stage++)
      state = accepted(act(state, { kind: 'escalate', reason: 'not agreed' })).state;
    const result = accepted(
      act(state, { kind: 'decision', decision: 'Assess', nextContacts: [next] }),
    );
    expect(result.notices.map((notice) => notice.kind)).toContain('added-to-case');
  });

  it('ESCALATE brings them into the stage it opens, and tells them once', () => {
    const result = accepted(
      act(raise(), { kind: 'escalate', reason: 'Not agreed', nextContacts: [next] }),
    );
    expect(result.state.participants.at(-1)).toMatchObject({
      role: 'next-contact',
      joinedAtStage: 2,
    });
    expect(result.notices.filter((notice) => notice.kind === 'added-to-case')).toEqual([
      expect.objectContaining({ stage: 2, to: ['address:jo.lane@council.example.gov.uk'] }),
    ]);
  });

  it('tells nobody when the next contact is already on the case', () => {
    const result = accepted(
      act(raise(), {
        kind: 'note',
        note: 'Dan again',
        nextContacts: [{ email: 'dan.reed@school.example.org' }],
      }),
    );
    expect(result.notices.map((notice) => notice.kind)).toEqual(['confirmation']);
    expect(result.notices[0]?.data).not.toHaveProperty('added');
  });
});
