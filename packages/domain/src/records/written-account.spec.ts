import { contextAt, realPolicy } from '../../test/support/policy-library';
import { applyCommand, type CommandResult } from '../case/apply-command';
import type { Actor, CaseCommand, RaiseCommand } from '../case/case-command';
import type { CaseEvent } from '../case/case-event';
import type { CaseState } from '../case/case-state';
import { buildChronology } from './chronology';
import { writtenAccount } from './written-account';

/*
 * Issue 11, item 2: "the written account on referral to the final stage ...: the
 * disagreement, each stage so far with who acted, its outcome or the reason for escalating,
 * its dates and whether it was on time, the rationales for delays, and the attempts to
 * resolve"; item 3: the chronology, "the case in date order".
 */

const raiser: Actor = { kind: 'participant', id: 'asha.patel@hsc.example.gg', verified: true };
const scheduler: Actor = { kind: 'scheduler', id: 'scheduler', verified: true };

const RAISE: RaiseCommand = {
  kind: 'raise',
  ref: 'ISP-2028-0001',
  raisedAt: new Date('2028-05-05T09:00:00Z'),
  raisedBy: { name: 'Asha Patel', email: raiser.id },
  caseName: 'Child A',
  agency: 'Health and Social Care',
  otherAgency: 'Education Services',
  disagreement: 'The school declined a multi-agency meeting',
  category: 'other',
  risk: 'standard',
  startStage: 1,
  attemptsSoFar: 'Two phone calls to the head teacher',
};

function accepted(result: CommandResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
  return result;
}

describe('the written account and the chronology of an islands case referred to the Panel', () => {
  const events: CaseEvent[] = [];
  let state: CaseState | null = null;
  const run = (at: string, command: CaseCommand, actor = raiser) => {
    const result = accepted(applyCommand(state, command, contextAt('islands', at), actor));
    state = result.state;
    events.push(...result.events);
    return result;
  };
  run('2028-05-05T09:00:00Z', RAISE);
  // stage 1 runs out: the breach rule escalates, and asks for a rationale
  run('2028-05-08T16:01:00Z', { kind: 'breach', stage: 1 }, scheduler);
  run('2028-05-09T09:00:00Z', { kind: 'reason', rationale: 'The other practitioner was on leave' });
  run('2028-05-09T10:00:00Z', { kind: 'note', note: 'Met the head teacher; no agreement' });
  run('2028-05-10T10:00:00Z', { kind: 'escalate', reason: 'The managers could not agree' });
  const referral = run('2028-05-11T10:00:00Z', {
    kind: 'escalate',
    reason: 'The senior managers could not agree',
  });

  it('is asked for on the final stage’s entry notice', () => {
    expect(
      referral.notices.filter((n) => n.data['writtenAccount'] === true).map((n) => n.to),
    ).toEqual([['partnership.independentChair']]);
  });

  it('tells each stage: who acted, how it ended and why, its dates, whether on time, the rationale for its delay', () => {
    const account = writtenAccount(state!, realPolicy('islands'), events);
    expect(account).toContain('The school declined a multi-agency meeting');
    expect(account).toContain('Attempts to resolve before it was raised:\n  Two phone calls');
    expect(account).toContain('Not on time: its timescale (2028-05-08) was breached');
    expect(account).toContain(
      `Rationale for the delay (${raiser.id}): The other practitioner was on leave`,
    );
    expect(account).toContain(
      `Attempt to resolve (note by ${raiser.id}): Met the head teacher; no agreement`,
    );
    expect(account).toContain(
      `Ended 2028-05-10: escalated by ${raiser.id}, because: The managers could not agree`,
    );
    expect(account).toMatch(
      /Stage 3 \(Senior manager to senior manager discussion\)\n  Began 2028-05-10/,
    );
    expect(account).toContain('Stage 4 (Partnership Resolution Panel)');
  });

  it('the chronology lists every event in date order, with the stage’s due date in force', () => {
    const chronology = buildChronology(state!, realPolicy('islands'), events, [
      {
        at: '2028-05-09T09:00:00.500Z',
        direction: 'in',
        from: raiser.id,
        to: ['islands@escalations.example'],
        subject: '[ISP-2028-0001] Re: rationale',
        kind: 'reply',
        command: 'REASON\nThe other practitioner was on leave',
      },
    ]);
    expect(chronology.entries.filter((e) => e.source === 'event')).toHaveLength(events.length);
    const ats = chronology.entries.map((e) => e.at);
    expect(ats).toEqual([...ats].sort());
    expect(chronology.entries).toContainEqual(
      expect.objectContaining({
        source: 'message',
        stage: 2,
        what: 'Message in (reply) to islands@escalations.example: [ISP-2028-0001] Re: rationale\nREASON\nThe other practitioner was on leave',
      }),
    );
    expect(chronology.entries).toContainEqual(
      expect.objectContaining({
        type: 'rationale-recorded',
        what: 'Rationale for the missed deadline of 2028-05-08: The other practitioner was on leave',
      }),
    );
  });
});
