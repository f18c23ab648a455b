import { contextAt, realPolicy } from '../../test/support/policy-library';
import { applyCommand, type CommandResult } from '../case/apply-command';
import type { Actor, CaseCommand, RaiseCommand } from '../case/case-command';
import type { CaseState } from '../case/case-state';
import type { Notice } from '../case/notice';
import { parseReplyCommand } from '../grammar/parse-reply-command';
import { fillRecordForm } from './fill-record-form';
import type { FilledForm } from './filled-form';
import { readFormValues } from './read-form-values';

/*
 * Issue 11, item 1: "Each `recordForms` entry becomes a document the service produces ...
 * filled from what the case knows ... and from what participants send: a reply command
 * `FORM` ... a bad label or a value outside the choices changes nothing and is answered
 * naming it. ... Where a document asks for a form at a stage (`records:`) and no notice
 * carries it, the stage-entry notice to the participants asks for it."
 */

const actor = (id: string): Actor => ({ kind: 'participant', id, verified: true });
const raiser = actor('asha.patel@school.example.org');
const other = actor('sam.cole@council.example.gov.uk');

function raise(policyId: string, startStage = 1, category = 'decision-making'): RaiseCommand {
  return {
    kind: 'raise',
    ref: `${policyId.toUpperCase()}-2026-0007`,
    raisedAt: new Date('2026-11-02T10:00:00Z'),
    raisedBy: { name: 'Asha Patel', email: raiser.id },
    caseName: 'Łukasz Nowak (NHS 943 476 5919)',
    agency: 'Grange Primary School',
    otherAgency: "Children's Services",
    disagreement: 'Referral closed without an assessment',
    category,
    risk: 'standard',
    startStage,
    otherPractitioner: { name: 'Sam Cole', email: other.id },
    attemptsSoFar: 'Phoned the duty team twice',
  };
}

function accepted(result: CommandResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.code}: ${result.refusal.message}`);
  return result;
}

let clock = Date.parse('2026-11-02T10:00:00Z');
function run(policyId: string, state: CaseState | null, command: CaseCommand, by = raiser) {
  clock += 3_600_000;
  return applyCommand(state, command, contextAt(policyId, new Date(clock).toISOString()), by);
}

function walkTo(policyId: string, stage: number, category?: string) {
  let result = accepted(run(policyId, null, raise(policyId, 1, category)));
  const notices: Notice[] = [...result.notices];
  while ((result.state.stages.at(-1)?.number ?? 0) < stage) {
    result = accepted(
      run(policyId, result.state, { kind: 'escalate', reason: 'No reply from the duty team' }),
    );
    notices.push(...result.notices);
  }
  return { state: result.state, notices, last: result };
}

const formOf = (notice: Notice | undefined) => notice?.data['form'] as FilledForm | undefined;
const field = (form: FilledForm | undefined, key: string) =>
  form?.fields.find((f) => f.key === key)?.value;

describe('record forms attached to the notices that name them (attach:)', () => {
  it('south-glos: the stage 3 notice to the Strategic Safeguarding Service Manager carries the Monitoring Form, filled from the case', () => {
    const { state, last } = walkTo('south-glos', 3);
    const notice = last.notices.find(
      (n) => n.kind === 'stage-notice' && n.data['attach'] === 'monitoring-form',
    );
    expect(notice?.to).toEqual(['partnership.strategicSafeguardingServiceManager']);
    const form = formOf(notice);
    expect(form?.ref).toBe(state.ref);
    expect(form?.fields.map((f) => f.key)).toEqual(
      realPolicy('south-glos').recordForms[0]?.fields.map((f) => f.key),
    );
    expect(field(form, 'serviceUserName')).toBe('Łukasz Nowak (NHS 943 476 5919)');
    expect(field(form, 'disputeSummary')).toContain('Referral closed without an assessment');
    expect(field(form, 'stageResolved')).toBeNull();
  });

  it('south-glos: resolved at stage 4, the form carries the stage resolved at and the time taken in working and calendar days', () => {
    const { state } = walkTo('south-glos', 4);
    clock = Date.parse('2026-11-16T11:00:00Z');
    const result = accepted(
      run('south-glos', state, {
        kind: 'resolve',
        outcome: 'Assessment to be opened',
        outstanding: ['GP report'],
      }),
    );
    const form = formOf(result.notices.find((n) => n.data['moment'] === 'resolve'));
    expect(field(form, 'stageResolved')).toBe('4');
    expect(field(form, 'timeTakenDays')).toBe('10 working days (14 calendar days)');
    expect(field(form, 'agreedOutcomes')).toBe('Assessment to be opened\nOutstanding: GP report');
  });

  it('kirklees: stage 5 to the Business Unit, with the stage and the nature of the difference ticked', () => {
    const { last } = walkTo('kirklees', 5, 'plan-implementation');
    const form = formOf(
      last.notices.find((n) => n.data['attach'] === 'professional-difference-escalation-record'),
    );
    expect(field(form, 'stageOfEscalation')).toBe('Stage 5');
    expect(field(form, 'natureOfDifference')).toBe("Implementation of child's plan");
    expect(field(form, 'natureOfDifferenceOther')).toBeNull();
    expect(form?.missing).toEqual([]);
  });
});

describe('where a stage asks for a form (records:) and no notice carries it', () => {
  it('islands stage 3: the participants are asked for the Professional Challenge Recording Tool, its ID the case reference', () => {
    const { state, last } = walkTo('islands', 3);
    const asks = last.notices.filter((n) => n.data['askForm'] !== undefined);
    expect(asks).toHaveLength(1);
    // the escalation's confirmation to the participants asks for it: no second message
    expect(asks[0]?.kind).toBe('confirmation');
    expect(asks[0]?.to).toEqual(['case.participants']);
    expect(asks[0]?.data['attach']).toBeUndefined();
    const form = formOf(asks[0]);
    expect(field(form, 'challengeLogId')).toBe(state.ref);
    expect(form?.missing).toEqual([
      'What do you see as the barriers towards reaching a resolution?',
    ]);
  });

  it('nel: asked at stage 1 on the raise; at stage 5 the referral carries it instead, and the written account', () => {
    const first = accepted(run('nel', null, raise('nel')));
    expect(
      first.notices.filter((n) => n.data['askForm'] === 'recording-template').map((n) => n.kind),
    ).toEqual(['acknowledgement']);
    const { last } = walkTo('nel', 5);
    expect(last.notices.filter((n) => n.data['askForm'] !== undefined)).toEqual([]);
    const referral = last.notices.find((n) => n.data['attach'] === 'recording-template');
    expect(referral?.data['writtenAccount']).toBe(true);
    expect(field(formOf(referral), 'stageCompletionDates')?.split('\n')).toHaveLength(5);
  });

  it('south-glos and kirklees are asked nothing extra: their notices carry the form', () => {
    for (const [policy, stage] of [
      ['south-glos', 4],
      ['kirklees', 6],
    ] as const) {
      const { notices } = walkTo(policy, stage);
      expect(notices.filter((n) => n.data['askForm'] !== undefined)).toEqual([]);
    }
  });
});

describe('FORM', () => {
  it('is read by the reply grammar, with or without the form id', () => {
    expect(parseReplyCommand('FORM monitoring-form\nService User name: X')).toEqual({
      ok: true,
      command: { kind: 'form', formId: 'monitoring-form', text: 'Service User name: X' },
    });
    expect(parseReplyCommand('Form:\nAdditional Notes: y')).toEqual({
      ok: true,
      command: { kind: 'form', text: 'Additional Notes: y' },
    });
  });

  it('adds and corrects fields, a value running on to the next label, and answers the sender with the form so far and what is missing', () => {
    const { state } = walkTo('islands', 3);
    const result = accepted(
      run(
        'islands',
        state,
        {
          kind: 'form',
          text: [
            'What do you see as the barriers towards reaching a resolution?: thresholds differ',
            'and nobody owns the plan',
            'Agencies to invite: Health, Police',
          ].join('\n'),
        },
        other,
      ),
    );
    const form = fillRecordForm(
      realPolicy('islands'),
      realPolicy('islands').recordForms[0]!,
      result.state,
      contextAt('islands', '2026-11-05T10:00:00Z').calendar,
    );
    expect(field(form, 'barriers')).toBe('thresholds differ\nand nobody owns the plan');
    expect(field(form, 'agenciesToInvite')).toBe('Health, Police');
    expect(form.missing).toEqual([]);
    expect(result.events.map((e) => e.type)).toContain('form-filled');
    const answer = result.notices.find((n) => n.kind === 'record-form');
    expect(answer?.to).toEqual([`address:${other.id}`]);
    expect(answer?.data['missing']).toEqual([]);
  });

  it('a label the form does not have, or a value outside the choices, changes nothing and is named', () => {
    const { state } = walkTo('kirklees', 5);
    const bad = run('kirklees', state, {
      kind: 'form',
      text: 'D.O.B.: 1 May 2015\nFavourite colour: blue\nStage of escalation: Stage 9',
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.refusal.code).toBe('bad-form');
    expect(bad.refusal.message).toContain('"Favourite colour:" is not a label');
    expect(bad.refusal.message).toContain(
      '"Stage of escalation:" must be one of "Stage 5", "Stage 6", not "Stage 9"',
    );
  });

  it('names the forms when the policy has none or the id is wrong', () => {
    const chew = accepted(run('chew-stoke', null, raise('chew-stoke')));
    const none = run('chew-stoke', chew.state, { kind: 'form', text: 'X: y' });
    expect(!none.ok && none.refusal.code).toBe('no-form');
    const { state } = walkTo('nel', 1);
    const wrong = run('nel', state, { kind: 'form', formId: 'monitoring-form', text: 'X: y' });
    expect(!wrong.ok && wrong.refusal.message).toContain('recording-template');
  });

  it('reads labels with colons in them and choices in any case', () => {
    const form = realPolicy('south-glos').recordForms[0]!;
    expect(
      readFormValues(
        form,
        'Initiating manager: name: Jo Bloggs\nStage at which Resolution achieved: 3',
      ),
    ).toEqual({
      ok: true,
      values: [
        { key: 'initiatingManagerName', label: 'Initiating manager: name', value: 'Jo Bloggs' },
        { key: 'stageResolved', label: 'Stage at which Resolution achieved', value: '3' },
      ],
    });
    const kirklees = realPolicy('kirklees').recordForms[0]!;
    expect(
      readFormValues(kirklees, 'Nature of professional difference: information SHARING'),
    ).toEqual({
      ok: true,
      values: [
        {
          key: 'natureOfDifference',
          label: 'Nature of professional difference',
          value: 'Information sharing',
        },
      ],
    });
  });
});
