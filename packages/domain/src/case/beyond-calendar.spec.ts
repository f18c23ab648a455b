/**
 * Issue 12, item 2: a case whose later dates fall past its calendar's last year (2030 in
 * england-and-wales) is raised all the same; those stages carry "beyond the calendar" instead
 * of a date, and get their dates when the year's holidays are added (the `recompute` command
 * the scheduler gives after a calendar changes). NEL counts "by working day K"
 * ("Timescale Stage 2: (To be completed by working day 8)").
 *
 * Raised Fri 20 Dec 2030 10:00 GMT: day 1 Fri 20, 2 Mon 23, 3 Tue 24, 4 Fri 27 (25, 26 holidays),
 * 5 Mon 30, 6 Tue 31; with 2031 (1 Jan a holiday): 7 Thu 2 Jan, 8 Fri 3, ... 22 Thu 23 Jan.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { applyCommand, type CommandResult } from './apply-command';
import type { Actor, CaseCommand, RaiseCommand } from './case-command';
import type { CaseContext } from './case-context';
import type { CaseState } from './case-state';
import { CalendarFileSchema } from '../calendar/calendar.schema';
import { buildWorkingDayCalendar } from '../calendar/working-day-calendar';
import { POLICIES_DIR, contextAt } from '../../test/support/policy-library';

const raiser: Actor = { kind: 'participant', id: 'asha.patel@school.example.org', verified: true };
const scheduler: Actor = { kind: 'scheduler', id: 'scheduler', verified: true };

function raiseCommand(raisedAt: string): RaiseCommand {
  return {
    kind: 'raise',
    ref: 'NEL-2030-0001',
    raisedAt: new Date(raisedAt),
    raisedBy: { name: 'Asha Patel', email: 'asha.patel@school.example.org' },
    caseName: 'Child C',
    agency: 'Grange Primary School',
    otherAgency: "Children's Services",
    disagreement: 'Referral closed without an assessment',
    category: 'other',
    risk: 'standard',
    startStage: 1,
  };
}

function accepted(result: CommandResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.code}: ${result.refusal.message}`);
  return result;
}

/** england-and-wales with 2031 added (rule R1: Easter Sunday 2031-04-13) and any closures. */
function withYear2031(closures: { date: string; reason: string; addedBy: string }[] = []) {
  const file = parse(
    readFileSync(join(POLICIES_DIR, 'calendars', 'england-and-wales.yaml'), 'utf8'),
  ) as { years: unknown[]; closures: unknown[] };
  file.years.push({
    year: 2031,
    source: 'test: derived by rule R1',
    holidays: [
      { date: '2031-01-01', name: 'New Year’s Day' },
      { date: '2031-04-11', name: 'Good Friday' },
      { date: '2031-04-14', name: 'Easter Monday' },
      { date: '2031-05-05', name: 'Early May bank holiday' },
      { date: '2031-05-26', name: 'Spring bank holiday' },
      { date: '2031-08-25', name: 'Summer bank holiday' },
      { date: '2031-12-25', name: 'Christmas Day' },
      { date: '2031-12-26', name: 'Boxing Day' },
    ],
  });
  file.closures = closures;
  return buildWorkingDayCalendar(CalendarFileSchema.parse(file));
}

function act(state: CaseState, command: CaseCommand, context: CaseContext, actor = raiser) {
  return applyCommand(state, command, context, actor);
}

describe('a case whose dates run past its calendar', () => {
  const raisedAt = '2030-12-20T10:00:00Z';

  it('is raised: stage 1 gets its date, the overall limit waits for 2031', () => {
    const { state, notices } = accepted(
      applyCommand(null, raiseCommand(raisedAt), contextAt('nel', raisedAt), raiser),
    );
    expect(state.stages[0]!.dueDate).toBe('2030-12-23');
    expect(state.stages[0]!.beyondCalendar).toBeUndefined();
    expect(state.overallDueDate).toBeNull();
    expect(state.overallBeyondCalendar).toEqual({ calendar: 'england-and-wales', year: 2031 });
    expect(notices.map((n) => n.kind)).toEqual(['acknowledgement']);
  });

  it('escalated into a stage due in 2031: no date yet, the year to add on record; filled in when it is, and told to the participants', () => {
    const raised = accepted(
      applyCommand(null, raiseCommand(raisedAt), contextAt('nel', raisedAt), raiser),
    ).state;
    const now = '2030-12-23T11:00:00Z';
    const escalated = accepted(
      act(raised, { kind: 'escalate', reason: 'No agreement' }, contextAt('nel', now)),
    );
    const stage2 = escalated.state.stages[1]!;
    expect(stage2).toMatchObject({
      number: 2,
      dueDate: null,
      dueAt: null,
      checkAt: null,
      beyondCalendar: { calendar: 'england-and-wales', year: 2031 },
    });
    expect(escalated.events.find((e) => e.type === 'stage-entered')!.data).toMatchObject({
      beyondCalendar: { calendar: 'england-and-wales', year: 2031 },
    });

    // Nothing changes while the calendar still ends in 2030.
    expect(
      act(
        escalated.state,
        { kind: 'recompute', reason: 'calendar reloaded' },
        contextAt('nel', '2030-12-24T09:00:00Z'),
        scheduler,
      ),
    ).toMatchObject({ ok: false, refusal: { code: 'already-done' } });

    const context = { ...contextAt('nel', '2030-12-24T09:00:00Z'), calendar: withYear2031() };
    const filled = accepted(
      act(escalated.state, { kind: 'recompute', reason: '2031 added' }, context, scheduler),
    );
    expect(filled.state.stages[1]).toMatchObject({
      dueDate: '2031-01-03',
      policyDueDate: '2031-01-03',
      dueAt: '2031-01-03T17:00:00.000Z',
      startDate: '2030-12-20',
      beyondCalendar: null,
      remindAt: '2031-01-02T09:00:00.000Z',
      checkAt: '2031-01-02T09:00:00.000Z',
    });
    expect(filled.state).toMatchObject({
      overallDueDate: '2031-01-23',
      overallBeyondCalendar: null,
      overallCheckAt: '2031-01-23T17:00:00.000Z',
    });
    expect(
      filled.events.map((e) => [e.type, e.data['dueDate'], e.data['overall'] ?? false]),
    ).toEqual([
      ['deadline-recomputed', '2031-01-03', false],
      ['deadline-recomputed', '2031-01-23', true],
    ]);
    expect(filled.notices).toEqual([
      expect.objectContaining({
        kind: 'deadline-changed',
        to: ['case.participants'],
        data: expect.objectContaining({
          calendar: 'england-and-wales',
          changes: [
            {
              stage: 2,
              fromDueDate: null,
              dueDate: '2031-01-03',
              dueAt: '2031-01-03T17:00:00.000Z',
            },
            {
              overall: true,
              fromDueDate: null,
              dueDate: '2031-01-23',
              dueAt: '2031-01-23T17:00:00.000Z',
            },
          ],
        }),
      }),
    ]);
    // Told once: a second recompute with the same calendar changes nothing.
    expect(
      act(filled.state, { kind: 'recompute', reason: '2031 added' }, context, scheduler),
    ).toMatchObject({ ok: false, refusal: { code: 'already-done' } });
  });
});

describe('a closure day added to the calendar (south-glos: "Stage One Within 1 working day")', () => {
  const raisedAt = '2026-06-01T10:00:00+01:00';
  const closure = [{ date: '2026-06-02', reason: 'Offices closed', addedBy: 'A. Admin' }];

  function southGlos(): CaseState {
    const context = contextAt('south-glos', raisedAt);
    return accepted(
      applyCommand(null, { ...raiseCommand(raisedAt), ref: 'SGSAB-2026-0001' }, context, raiser),
    ).state;
  }

  it('moves a due date not yet reached, and only the scheduler may ask', () => {
    const state = southGlos();
    expect(state.stages[0]!.dueDate).toBe('2026-06-02');
    const context = {
      ...contextAt('south-glos', '2026-06-01T12:00:00+01:00'),
      calendar: withYear2031(closure),
    };
    expect(
      act(state, { kind: 'recompute', reason: 'closure added' }, context, raiser),
    ).toMatchObject({ ok: false, refusal: { code: 'not-entitled' } });
    const moved = accepted(
      act(state, { kind: 'recompute', reason: 'closure added' }, context, scheduler),
    );
    expect(moved.state.stages[0]).toMatchObject({
      dueDate: '2026-06-03',
      policyDueDate: '2026-06-03',
    });
    expect(moved.notices.map((n) => n.kind)).toEqual(['deadline-changed']);
  });

  it('leaves a due date that has passed as it was recorded', () => {
    const state = southGlos();
    const context = {
      ...contextAt('south-glos', '2026-06-02T17:30:00+01:00'),
      calendar: withYear2031(closure),
    };
    expect(
      act(state, { kind: 'recompute', reason: 'closure added' }, context, scheduler),
    ).toMatchObject({ ok: false, refusal: { code: 'already-done' } });
  });
});
