import { contextAt } from '../../test/support/policy-library';
import { applyCommand, type CommandResult } from './apply-command';
import type { Actor, RaiseCommand } from './case-command';
import type { CaseState } from './case-state';
import type { Person } from '../grammar/person.schema';

const raiser: Actor = { kind: 'participant', id: 'asha.patel@school.example.org', verified: true };
const NOW = '2026-11-24T10:00:00Z';

const people = (count: number, prefix: string): Person[] =>
  Array.from({ length: count }, (_, n) => ({ email: `${prefix}${n}@copied.example.org` }));

function raise(copied: Person[], limits?: { perMessage: number; perCase: number }) {
  const command: RaiseCommand = {
    kind: 'raise',
    ref: 'NEL-2026-0001',
    raisedAt: new Date(NOW),
    raisedBy: { email: raiser.id },
    caseName: 'Child A',
    agency: 'Grange Primary School',
    otherAgency: "Children's Services",
    disagreement: 'Referral closed without an assessment',
    category: 'referral-thresholds',
    risk: 'standard',
    startStage: 1,
    copied,
  };
  return applyCommand(
    null,
    command,
    { ...contextAt('nel', NOW), ...(limits ? { participantLimits: limits } : {}) },
    raiser,
  );
}

function opened(result: CommandResult): CaseState {
  if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
  return result.state;
}

/** A case with `count` people on it (at least 21): raised copying 20, the rest added since. */
function caseWith(count: number): CaseState {
  const state = opened(raise(people(20, 'first')));
  const since = people(count - state.participants.length, 'since').map((person) => ({
    ...person,
    role: 'next-contact' as const,
    joinedAtStage: 1,
  }));
  return { ...state, participants: [...state.participants, ...since] };
}

describe('the participants one message may add (MAX_PARTICIPANTS_PER_MESSAGE, default 20)', () => {
  it('opens a case copying 20 people besides the raiser', () => {
    expect(opened(raise(people(20, 'cc'))).participants).toHaveLength(21);
  });

  it('refuses a raise copying 25 people whole, naming the limit: no case, no one written to', () => {
    const result = raise(people(25, 'cc'));
    expect(result).toEqual({
      ok: false,
      refusal: { code: 'too-many-participants', message: expect.stringContaining('at most 20') },
    });
  });

  it('refuses a raise copying 2,778 people', () => {
    expect(raise(people(2_778, 'cc')).ok).toBe(false);
  });

  it('counts the manager and the other practitioner the form names', () => {
    const result = applyCommand(
      null,
      {
        kind: 'raise',
        ref: 'NEL-2026-0001',
        raisedAt: new Date(NOW),
        raisedBy: { email: raiser.id },
        caseName: 'Child A',
        agency: 'Grange Primary School',
        otherAgency: "Children's Services",
        disagreement: 'Referral closed without an assessment',
        category: 'referral-thresholds',
        risk: 'standard',
        startStage: 1,
        manager: { email: 'manager@school.example.org' },
        otherPractitioner: { email: 'other@council.example.gov.uk' },
        copied: people(19, 'cc'),
      },
      contextAt('nel', NOW),
      raiser,
    );
    expect(result.ok).toBe(false);
  });

  it('takes the limits from the context', () => {
    expect(raise(people(5, 'cc'), { perMessage: 4, perCase: 50 })).toMatchObject({
      ok: false,
      refusal: { message: expect.stringContaining('at most 4') },
    });
    expect(raise(people(25, 'cc'), { perMessage: 30, perCase: 50 }).ok).toBe(true);
  });

  it('refuses an ESCALATE whose Next contact lines add more than the limit', () => {
    const state = opened(raise(people(2, 'cc')));
    const result = applyCommand(
      state,
      { kind: 'escalate', reason: 'No agreement.', nextContacts: people(21, 'next') },
      contextAt('nel', NOW),
      raiser,
    );
    expect(result).toMatchObject({
      ok: false,
      refusal: { code: 'too-many-participants', message: expect.stringContaining('at most 20') },
    });
  });

  it('does not count people already on the case', () => {
    const state = opened(raise(people(20, 'cc')));
    const result = applyCommand(
      state,
      { kind: 'escalate', reason: 'No agreement.', nextContacts: people(20, 'cc') },
      contextAt('nel', NOW),
      raiser,
    );
    expect(result.ok).toBe(true);
  });
});

describe('the participants a case may have (MAX_PARTICIPANTS_PER_CASE, default 50)', () => {
  it('refuses an ESCALATE that would take a case of 50 people past the limit, naming it', () => {
    const state = caseWith(50);
    expect(state.participants).toHaveLength(50);
    const result = applyCommand(
      state,
      { kind: 'escalate', reason: 'No agreement.', nextContacts: people(1, 'late') },
      contextAt('nel', NOW),
      raiser,
    );
    expect(result).toEqual({
      ok: false,
      refusal: {
        code: 'too-many-participants',
        message: expect.stringContaining('at most 50'),
      },
    });
  });

  it('lets a case of 50 people go on when a message adds no one', () => {
    const result = applyCommand(
      caseWith(50),
      { kind: 'note', note: 'Strategy meeting on Friday.' },
      contextAt('nel', NOW),
      raiser,
    );
    expect(result.ok).toBe(true);
  });

  it('lets partnership staff act on a full case: they join on their own account', () => {
    const staff: Actor = { kind: 'partnership', id: 'csrs@nel.example.gov.uk', verified: true };
    const result = applyCommand(
      caseWith(50),
      { kind: 'note', note: 'The panel meets on Monday.' },
      contextAt('nel', NOW),
      staff,
    );
    expect(result.ok).toBe(true);
  });
});
