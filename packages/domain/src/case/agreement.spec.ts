import { contextAt } from '../../test/support/policy-library';
import { applyCommand, type CommandResult } from './apply-command';
import type { Actor, CaseCommand, RaiseCommand } from './case-command';
import { sideOf } from './case-sides';
import type { CaseState } from './case-state';

/*
 * Issue 10, "Agreement", and CONTRACT.md: "Who may close: `RESOLVED` from the raising side
 * closes; from the other side it proposes an outcome for the raising side to `AGREE` to.
 * `WITHDRAW` is the raising side's alone." Every policy asks for "written confirmation
 * between the parties about an agreed outcome".
 */

const person = (id: string, kind: Actor['kind'] = 'participant', agency?: string): Actor => ({
  kind,
  id,
  verified: true,
  ...(agency ? { agency } : {}),
});
const raiser = person('asha.patel@school.example.org');
const manager = person('dan.reed@school.example.org');
const otherPractitioner = person('sam.cole@council.example.gov.uk');
const copied = person('dsl@school.example.org');
const raisingContact = person(
  'head@school.example.org',
  'directory-contact',
  'Grange Primary School',
);
const otherContact = person(
  'duty@council.example.gov.uk',
  'directory-contact',
  "Children's Services",
);
const partnership = person('nel-business-manager@partnership.example.org', 'partnership');
const admin = person('api-key:audit-team', 'admin');
const scheduler = person('scheduler', 'scheduler');

const RAISE: RaiseCommand = {
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
  copied: [{ email: 'dsl@school.example.org' }],
};

function accepted(result: CommandResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.code}: ${result.refusal.message}`);
  return result;
}

const raised = (): CaseState =>
  accepted(applyCommand(null, RAISE, contextAt('nel', '2026-12-23T10:00:00Z'), raiser)).state;

function act(state: CaseState, command: CaseCommand, actor: Actor, now = '2026-12-23T12:00:00Z') {
  return applyCommand(state, command, contextAt(state.policyId, now), actor);
}

const OUTCOME: CaseCommand = { kind: 'resolve', outcome: 'We stand by our decision' };

/** The other practitioner proposes: the case as it then stands. */
const proposed = (): CaseState =>
  accepted(
    act(
      raised(),
      { kind: 'resolve', outcome: 'Strategy meeting on Monday', outstanding: ['GP report'] },
      otherPractitioner,
      '2026-12-23T11:00:00Z',
    ),
  ).state;

describe('sides', () => {
  it('puts the raiser and their manager on the raising side, the other practitioner on the other, and someone copied on neither', () => {
    const state = raised();
    expect(state.participants.map((p) => [p.email, p.side ?? null])).toEqual([
      ['asha.patel@school.example.org', 'raising'],
      ['dan.reed@school.example.org', 'raising'],
      ['sam.cole@council.example.gov.uk', 'other'],
      ['dsl@school.example.org', null],
    ]);
    expect(sideOf(state, 'Sam.Cole@Council.example.gov.uk')).toBe('other');
    expect(sideOf(state, 'nobody@example.org')).toBeNull();
  });

  it.each<[string, 'raising' | 'other', Actor]>([
    ['the raiser', 'raising', raiser],
    ['the other practitioner', 'other', otherPractitioner],
  ])('gives a next contact %s names their side (%s)', (_who, side, actor) => {
    const result = accepted(
      act(
        raised(),
        {
          kind: 'escalate',
          reason: 'Not agreed at stage 1',
          nextContacts: [{ name: 'New Holder', email: 'holder@example.org' }],
        },
        actor,
      ),
    );
    expect(sideOf(result.state, 'holder@example.org')).toBe(side);
  });

  it("puts an agency's directory contact who acts on that agency's side", () => {
    let state = accepted(
      act(raised(), { kind: 'note', note: 'Looking at it' }, raisingContact),
    ).state;
    state = accepted(act(state, { kind: 'note', note: 'And us' }, otherContact)).state;
    expect(sideOf(state, raisingContact.id)).toBe('raising');
    expect(sideOf(state, otherContact.id)).toBe('other');
  });
});

describe('RESOLVED: the raising side closes, anyone else proposes', () => {
  it.each<[string, 'resolved' | 'open', Actor]>([
    ['the raiser', 'resolved', raiser],
    ["the raiser's manager", 'resolved', manager],
    ["the raising agency's directory contact", 'resolved', raisingContact],
    ['partnership staff', 'resolved', partnership],
    ['an administrator through the API', 'resolved', admin],
    ['the other practitioner', 'open', otherPractitioner],
    ["the other agency's directory contact", 'open', otherContact],
    ['someone copied on the raise', 'open', copied],
  ])('RESOLVED from %s leaves the case %s', (_who, status, actor) => {
    const result = accepted(act(raised(), OUTCOME, actor));
    expect(result.state.status).toBe(status);
    expect(result.events.at(-1)).toMatchObject({
      type: status === 'open' ? 'outcome-proposed' : 'resolved',
      actor: actor.id,
    });
  });

  it('records a proposal, tells everyone, and keeps the stage and its deadline running', () => {
    const before = raised();
    const result = accepted(
      act(
        before,
        { kind: 'resolve', outcome: 'Strategy meeting on Monday', outstanding: ['GP report'] },
        otherPractitioner,
      ),
    );
    expect(result.state).toMatchObject({
      status: 'open',
      closedAt: null,
      closingText: null,
      proposal: {
        text: 'Strategy meeting on Monday',
        outstanding: ['GP report'],
        by: otherPractitioner.id,
        at: '2026-12-23T12:00:00.000Z',
        stage: 1,
      },
    });
    expect(result.state.stages).toEqual([
      expect.objectContaining({ completedAt: null, dueAt: before.stages[0]!.dueAt }),
    ]);
    expect(result.notices).toEqual([
      expect.objectContaining({
        kind: 'confirmation',
        to: ['case.participants'],
        data: expect.objectContaining({
          action: 'propose',
          text: 'Strategy meeting on Monday',
          outstanding: ['GP report'],
          raisingAgency: 'Grange Primary School',
        }),
      }),
    ]);
  });

  it('replaces an earlier proposal with a later one, keeping the earlier on the record', () => {
    const result = accepted(act(proposed(), OUTCOME, otherPractitioner));
    expect(result.state.proposal?.text).toBe('We stand by our decision');
    expect(result.events.at(-1)?.data['replaces']).toMatchObject({
      text: 'Strategy meeting on Monday',
    });
  });
});

describe('AGREE: the raising side accepts the proposal', () => {
  it.each<[string, Actor]>([
    ['the raiser', raiser],
    ["the raiser's manager", manager],
    ['partnership staff', partnership],
  ])('%s closes the case with the proposal as the agreed outcome', (_who, actor) => {
    const result = accepted(
      act(proposed(), { kind: 'agree', text: 'Content with this' }, actor, '2026-12-24T09:00:00Z'),
    );
    expect(result.state).toMatchObject({
      status: 'resolved',
      closingText: 'Strategy meeting on Monday',
      outstanding: ['GP report'],
      proposal: null,
    });
    expect(result.state.stages[0]).toMatchObject({ outcome: 'resolved' });
    expect(result.events.at(-1)).toMatchObject({
      type: 'resolved',
      actor: actor.id,
      data: {
        text: 'Strategy meeting on Monday',
        agreed: {
          proposal: expect.objectContaining({ by: otherPractitioner.id }),
          note: 'Content with this',
        },
      },
    });
    expect(result.notices.find((n) => n.kind === 'confirmation')?.data).toMatchObject({
      action: 'agree',
      text: 'Strategy meeting on Monday',
      proposedBy: otherPractitioner.id,
      agreeNote: 'Content with this',
    });
  });

  it('needs no words after it', () => {
    expect(accepted(act(proposed(), { kind: 'agree' }, raiser)).state.status).toBe('resolved');
  });

  it.each<[string, Actor]>([
    ['the other practitioner', otherPractitioner],
    ["the other agency's directory contact", otherContact],
    ['someone copied on the raise', copied],
  ])('is refused from %s, who cannot agree to their own proposal', (_who, actor) => {
    expect(act(proposed(), { kind: 'agree' }, actor)).toEqual({
      ok: false,
      refusal: {
        code: 'not-raising-side',
        message: expect.stringContaining('Grange Primary School'),
      },
    });
  });

  it('is refused when nothing is proposed', () => {
    expect(act(raised(), { kind: 'agree' }, raiser)).toMatchObject({
      ok: false,
      refusal: { code: 'no-proposal' },
    });
  });
});

describe('the raising side answers a proposal instead', () => {
  it('ESCALATE supersedes it: the next stage starts and the proposal is no longer there to agree to', () => {
    const result = accepted(
      act(proposed(), { kind: 'escalate', reason: 'The plan does not address the risk' }, raiser),
    );
    expect(result.state.proposal).toBeNull();
    expect(result.state.stages.map((s) => s.outcome)).toEqual(['escalated', null]);
    expect(result.events.find((e) => e.type === 'escalated')?.data).toMatchObject({
      supersededProposal: expect.objectContaining({ text: 'Strategy meeting on Monday' }),
    });
    expect(act(result.state, { kind: 'agree' }, raiser)).toMatchObject({
      ok: false,
      refusal: { code: 'no-proposal' },
    });
  });

  it('NOTE answers it without withdrawing it: the raising side may still AGREE later', () => {
    const noted = accepted(
      act(proposed(), { kind: 'note', note: 'Checking with our DSL' }, raiser),
    ).state;
    expect(noted.proposal?.text).toBe('Strategy meeting on Monday');
    expect(accepted(act(noted, { kind: 'agree' }, raiser)).state.status).toBe('resolved');
  });

  it("the raising side's own RESOLVED closes with its own outcome, the proposal superseded", () => {
    const result = accepted(
      act(proposed(), { kind: 'resolve', outcome: 'Assessment agreed' }, raiser),
    );
    expect(result.state).toMatchObject({ status: 'resolved', closingText: 'Assessment agreed' });
    expect(result.events.at(-1)?.data['supersededProposal']).toMatchObject({
      text: 'Strategy meeting on Monday',
    });
  });
});

describe("WITHDRAW is the raising side's alone", () => {
  it.each<[string, Actor]>([
    ['the raiser', raiser],
    ["the raiser's manager", manager],
    ['an administrator through the API', admin],
    ['partnership staff', partnership],
  ])('WITHDRAW from %s closes the case', (_who, actor) => {
    const result = act(raised(), { kind: 'withdraw', reason: 'Raised in error' }, actor);
    expect(accepted(result).state.status).toBe('withdrawn');
  });

  it.each<[string, Actor]>([
    ['the other practitioner', otherPractitioner],
    ["the other agency's directory contact", otherContact],
    ['someone copied on the raise', copied],
  ])('WITHDRAW from %s is refused, saying whose it is', (_who, actor) => {
    expect(act(raised(), { kind: 'withdraw', reason: 'We disagree' }, actor)).toEqual({
      ok: false,
      refusal: {
        code: 'not-raising-side',
        message: expect.stringContaining(
          'side that raised the disagreement (Grange Primary School)',
        ),
      },
    });
  });
});

describe('the deadline keeps running while an outcome awaits agreement', () => {
  // NEL stage 1 is "Working Day 1-2": due 24 Dec 2026 at close of business.
  it('the breach notice says an outcome awaits agreement, and the breach rule still applies (NEL: "If unresolved escalate")', () => {
    const result = accepted(
      act(proposed(), { kind: 'breach', stage: 1 }, scheduler, '2026-12-29T08:00:00Z'),
    );
    expect(result.notices.find((n) => n.kind === 'breach')?.data).toMatchObject({
      awaitingAgreement: {
        text: 'Strategy meeting on Monday',
        by: otherPractitioner.id,
        raisingAgency: 'Grange Primary School',
      },
    });
    expect(result.state.stages.map((s) => s.number)).toEqual([1, 2]);
    // Nobody rejected it: the raising side can still agree at the next stage.
    expect(
      accepted(act(result.state, { kind: 'agree' }, raiser, '2026-12-29T09:00:00Z')).state.status,
    ).toBe('resolved');
  });

  it('the reminder says so too', () => {
    // NEL stage 2 is due by working day 8 (6 Jan 2027): its reminder is 09:00 on 5 Jan.
    const atStage2 = accepted(
      act(raised(), { kind: 'escalate', reason: 'Not agreed' }, raiser),
    ).state;
    const withProposal = accepted(act(atStage2, OUTCOME, otherPractitioner)).state;
    const result = accepted(
      act(withProposal, { kind: 'remind', stage: 2 }, scheduler, '2027-01-05T09:00:00Z'),
    );
    expect(result.notices[0]?.data).toMatchObject({
      awaitingAgreement: { text: 'We stand by our decision' },
    });
  });
});

describe('confirmations carry what was said (issue 10, item 2)', () => {
  it.each<[string, CaseCommand, string]>([
    ['ESCALATE', { kind: 'escalate', reason: 'No assessment yet' }, 'No assessment yet'],
    ['EXTEND', { kind: 'extend', workingDays: 2, reason: 'Awaiting the GP' }, 'Awaiting the GP'],
    ['NOTE', { kind: 'note', note: 'Called the duty team' }, 'Called the duty team'],
    ['RESOLVED', { kind: 'resolve', outcome: 'Assessment agreed' }, 'Assessment agreed'],
    ['WITHDRAW', { kind: 'withdraw', reason: 'Raised in error' }, 'Raised in error'],
  ])('the confirmation of %s quotes its text', (_word, command, text) => {
    const result = accepted(act(raised(), command, raiser));
    expect(result.notices.find((n) => n.kind === 'confirmation')?.data['text']).toBe(text);
  });

  it("an escalation's confirmation states the reason given and the stage it came from", () => {
    const result = accepted(
      act(raised(), { kind: 'escalate', reason: 'No assessment yet' }, raiser),
    );
    expect(result.notices.find((n) => n.kind === 'confirmation')).toMatchObject({
      stage: 2,
      data: { action: 'escalate', from: 1, reason: 'No assessment yet', text: 'No assessment yet' },
    });
  });
});
