import { contextAt, realPolicy } from '../../test/support/policy-library';
import { applyCommand, type CommandResult } from './apply-command';
import type { Actor, CaseCommand, RaiseCommand } from './case-command';
import type { CaseState } from './case-state';

/*
 * Issue 11, item 5. After a disagreement is resolved every document asks for its learning and
 * offers a debrief: "It may be useful for a reflective debrief to be facilitated following
 * some disputes" (south-glos); "records of any learning should be shared with the KSCP
 * Business unit" (kirklees); general issues are identified "to inform future learning"
 * (islands). The participants are asked once, in the policy's `afterResolution` words; a
 * LEARNING reply is recorded and forwarded to the partnership contact.
 */

const raiser: Actor = { kind: 'participant', id: 'asha.patel@school.example.org', verified: true };
const other: Actor = { kind: 'participant', id: 'sam.cole@council.example.gov.uk', verified: true };
const stranger: Actor = { kind: 'stranger', id: 'someone@example.org', verified: true };

function accepted(result: CommandResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.code}: ${result.refusal.message}`);
  return result;
}

function raised(policyId: string): CaseState {
  const raise: RaiseCommand = {
    kind: 'raise',
    ref: 'REF-2026-0001',
    raisedAt: new Date('2026-12-07T10:00:00Z'),
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
  return accepted(applyCommand(null, raise, contextAt(policyId, '2026-12-07T10:00:00Z'), raiser))
    .state;
}

const act = (state: CaseState, command: CaseCommand, actor: Actor = raiser) =>
  applyCommand(state, command, contextAt(state.policyId, '2026-12-08T10:00:00Z'), actor);

const toFinalStage = (state: CaseState) => {
  const stages = realPolicy(state.policyId).stages.length;
  for (let n = 1; n < stages; n++)
    state = accepted(act(state, { kind: 'escalate', reason: `Not agreed at ${n}` })).state;
  return state;
};

const POLICIES = ['islands', 'south-glos', 'kirklees', 'chew-stoke', 'nel'];

const learningAsked = (result: CommandResult) =>
  accepted(result).notices.filter((notice) => notice.kind === 'learning-request');

describe('the learning request', () => {
  it.each(POLICIES)(
    "%s: after RESOLVED, every participant gets one message of its own asking for learning, in the policy's afterResolution words",
    (policyId) => {
      const result = act(raised(policyId), { kind: 'resolve', outcome: 'Agreed' });
      const asked = learningAsked(result);
      const participants = accepted(result).state.participants.map((p) => p.email);
      expect(participants.length).toBeGreaterThanOrEqual(3);
      expect(asked.map((notice) => notice.to)).toEqual(
        participants.map((email) => [`address:${email}`]),
      );
      for (const notice of asked) {
        expect(notice.data).toEqual({
          afterResolution: realPolicy(policyId).afterResolution ?? null,
        });
        // once per participant, however the closing is replayed
        expect(notice.key).toBe(`learning-request:${notice.to[0]!.slice('address:'.length)}`);
      }
      // the closing confirmation no longer carries the request itself
      const confirmation = accepted(result).notices.find((n) => n.kind === 'confirmation')!;
      expect(confirmation.data['learningRequest']).toBeUndefined();
      expect(confirmation.data['learningRequested']).toBe(true);
    },
  );

  it.each<[string, CaseCommand['kind'], number]>([
    ['after AGREE', 'agree', 3],
    ['after DECISION', 'decision', 3],
    ['not after WITHDRAW', 'withdraw', 0],
    ['not after ESCALATE', 'escalate', 0],
  ])('%s', (_when, kind, expected) => {
    let state = raised('south-glos');
    if (kind === 'decision') state = toFinalStage(state);
    if (kind === 'agree')
      state = accepted(act(state, { kind: 'resolve', outcome: 'Proposed' }, other)).state;
    const command: CaseCommand =
      kind === 'agree'
        ? { kind: 'agree' }
        : kind === 'decision'
          ? { kind: 'decision', decision: 'Decided' }
          : kind === 'withdraw'
            ? { kind: 'withdraw', reason: 'Sorted between us' }
            : { kind: 'escalate', reason: 'Not agreed' };
    expect(learningAsked(act(state, command))).toHaveLength(expected);
  });
});

describe('LEARNING', () => {
  const closed = () =>
    accepted(act(raised('kirklees'), { kind: 'resolve', outcome: 'Agreed' })).state;
  const LEARNING: CaseCommand = {
    kind: 'learning',
    learning: 'Share strategy notes the same day.',
  };

  it.each<[string, Actor, string]>([
    ['the raising side', raiser, 'Grange Primary School'],
    ['the other side', other, "Children's Services"],
  ])(
    'from %s, on a closed case: recorded with the category and agency, and forwarded to the partnership contact',
    (_who, actor, agency) => {
      const result = accepted(act(closed(), LEARNING, actor));
      expect(result.state.status).toBe('resolved');
      expect(result.events.map((e) => [e.type, e.data])).toEqual([
        [
          'learning-recorded',
          {
            learning: 'Share strategy notes the same day.',
            category: realPolicy('kirklees').categories[0]!.key,
            agency,
          },
        ],
      ]);
      expect(result.notices.map((n) => [n.kind, n.to])).toEqual([
        ['learning-forwarded', ['partnership.businessUnitManager']],
        ['confirmation', [`address:${actor.id}`]],
      ]);
    },
  );

  it('is refused from someone not on the case, and without its text', () => {
    expect(act(closed(), LEARNING, stranger)).toMatchObject({
      ok: false,
      refusal: { code: 'not-entitled' },
    });
    expect(act(closed(), { kind: 'learning', learning: ' ' })).toMatchObject({
      ok: false,
      refusal: { code: 'text-required' },
    });
  });

  it('other commands stay refused on the closed case', () => {
    expect(act(closed(), { kind: 'note', note: 'x' })).toMatchObject({
      ok: false,
      refusal: { code: 'case-closed' },
    });
  });
});

describe('LEARNING recorded by an administrator', () => {
  const admin: Actor = { kind: 'admin', id: 'api-key:partnership', verified: true };
  it('is recorded for the agency it names, or for none', () => {
    const closed = accepted(act(raised('islands'), { kind: 'resolve', outcome: 'Agreed' })).state;
    const named = accepted(
      act(closed, { kind: 'learning', learning: 'Debrief notes', agency: 'Health' }, admin),
    );
    expect(named.events[0]!.data).toMatchObject({ agency: 'Health' });
    const unnamed = accepted(act(closed, { kind: 'learning', learning: 'Debrief notes' }, admin));
    expect(unnamed.events[0]!.data).toMatchObject({ agency: null });
  });
});
