/**
 * Issue 12, item 5: islands cases about Alderney count in Alderney's calendar. The policy
 * allows both (`calendars: [guernsey, alderney]`, the first the default); the escalation form
 * takes "Calendar:" or "Island:", and a raise names the calendar, checked against the list.
 *
 * Liberation Day, Fri 9 May 2025, is a Guernsey public holiday and not Alderney's (research R4).
 * Islands stage 1 is "within 1 working day": raised Thu 8 May 2025 10:00 BST, D0 Thu 8; in
 * Guernsey +1 is Mon 12 May, in Alderney Fri 9 May.
 */
import { applyCommand, type CommandResult } from './apply-command';
import type { Actor, RaiseCommand } from './case-command';
import { calendarOf, calendarChoices } from '../library/build-policy-library';
import { parseEscalationForm } from '../grammar/parse-escalation-form';
import { renderBlankForm } from '../grammar/render-blank-form';
import { describeQuotesInDocument } from '../../test/support/policy-quotes';
import { realLibrary, realPolicy } from '../../test/support/policy-library';

const raiser: Actor = { kind: 'participant', id: 'jo@health.example.gg', verified: true };
const RAISED = '2025-05-08T10:00:00+01:00';
const BOTH_ISLANDS =
  'Guernsey & Alderney partners will also be expected to support the process of resolving disagreement';

function raise(calendarId?: string): CommandResult {
  const policy = realPolicy('islands');
  const command: RaiseCommand = {
    kind: 'raise',
    ref: 'ISP-2025-0001',
    raisedAt: new Date(RAISED),
    raisedBy: { email: 'jo@health.example.gg' },
    caseName: 'Adult E',
    agency: 'Health and Social Care',
    otherAgency: 'Education',
    disagreement: 'Threshold for a strategy meeting',
    category: 'other',
    risk: 'standard',
    startStage: 1,
    ...(calendarId ? { calendarId } : {}),
  };
  const context = {
    policy,
    calendar: calendarOf(realLibrary(), policy, calendarId),
    now: new Date(RAISED),
  };
  return applyCommand(null, command, context, raiser);
}

describe('islands: Guernsey by default, Alderney where the case is about Alderney', () => {
  test(`the policy allows both, Guernsey first (${BOTH_ISLANDS})`, () => {
    expect(calendarChoices(realLibrary(), realPolicy('islands')).map((c) => c.id)).toEqual([
      'guernsey',
      'alderney',
    ]);
    expect(calendarChoices(realLibrary(), realPolicy('nel')).map((c) => c.id)).toEqual([
      'england-and-wales',
    ]);
  });

  test('a Guernsey case: stage 1 due Mon 12 May 2025 (Fri 9 May is Liberation Day)', () => {
    const result = raise();
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.state.calendarId).toBeUndefined();
    expect(result.state.stages[0]!.dueDate).toBe('2025-05-12');
  });

  test('an Alderney case: stage 1 due Fri 9 May 2025 (no Liberation Day holiday in Alderney)', () => {
    const result = raise('alderney');
    if (!result.ok) throw new Error(result.refusal.message);
    expect(result.state.calendarId).toBe('alderney');
    expect(result.state.stages[0]!.dueDate).toBe('2025-05-09');
  });

  test("a calendar outside the policy's list is refused, naming the list", () => {
    expect(raise('scotland')).toMatchObject({
      ok: false,
      refusal: {
        code: 'unknown-calendar',
        message: '"scotland" is not a calendar of islands: guernsey, alderney',
      },
    });
  });
});

describe('the escalation form: "Calendar:" or "Island:"', () => {
  const form = (extra: string, policyId = 'islands') => {
    const policy = realPolicy(policyId);
    return parseEscalationForm(
      `Case name: Adult E\nAgency: Health\nOther agency: Education\nDisagreement: Threshold\n${extra}`,
      {
        categories: policy.categories,
        stageCount: policy.stages.length,
        startAboveStageOne: policy.startAboveStageOne.allowed,
        calendars: calendarChoices(realLibrary(), policy),
      },
    );
  };

  test.each([
    'Calendar: Alderney',
    'Island: alderney',
    'island: ALDERNEY.',
    'Calendar: Alderney island',
  ])('%p reads as alderney', (line) => {
    expect(form(line)).toMatchObject({ ok: true, form: { calendar: 'alderney' } });
  });

  test('left out, the form names no calendar: the policy default applies', () => {
    const parsed = form('');
    expect(parsed.ok && parsed.form.calendar).toBeUndefined();
  });

  test('a calendar the policy does not have is a problem naming those it has', () => {
    expect(form('Island: Sark')).toMatchObject({
      ok: false,
      problems: [
        { field: 'calendar', message: 'Calendar: expected Guernsey or Alderney, not "Sark"' },
      ],
    });
  });

  test('a policy with one calendar says to leave the line out', () => {
    expect(form('Calendar: Alderney', 'nel')).toMatchObject({
      ok: false,
      problems: [
        {
          field: 'calendar',
          message:
            'Calendar: this policy counts working days in one calendar only (England And Wales) — leave out "Calendar:"',
        },
      ],
    });
  });

  test('the blank form offers the line only where the policy has a choice', () => {
    const options = (policyId: string) => {
      const policy = realPolicy(policyId);
      return {
        categories: policy.categories,
        stageCount: policy.stages.length,
        startAboveStageOne: policy.startAboveStageOne.allowed,
        calendars: calendarChoices(realLibrary(), policy),
      };
    };
    expect(renderBlankForm(options('islands'))).toContain('- Guernsey (the default)\n- Alderney');
    expect(renderBlankForm(options('islands'), { calendar: 'alderney' })).toContain(
      'Calendar: Alderney',
    );
    expect(renderBlankForm(options('nel'))).not.toContain('Calendar:');
  });
});

describeQuotesInDocument('islands', [BOTH_ISLANDS]);
