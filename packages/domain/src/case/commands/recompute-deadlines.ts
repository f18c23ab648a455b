import { withinCalendar } from '../../deadline/beyond-calendar';
import { overallDeadline } from '../../deadline/overall-deadline';
import { stageDeadline } from '../../deadline/stage-deadline';
import { stepDeadline } from '../../deadline/step-deadline';
import type { CaseChange } from '../case-change';
import { currentStage } from '../case-state';
import { refuse } from '../refusal';
import { applyBreachRule } from '../stage/apply-breach-rule';

/**
 * After the case's calendar changed (a year's holidays added, a holiday or closure day added
 * or removed): the open stage's due date and the overall limit are counted again. Only dates
 * not yet due move, and dates past the calendar's end are filled in once the year is there;
 * a date already passed stays as it was recorded. Each change is an event told to the
 * participants. Refused when nothing changes, so an unchanged case is not written.
 */
export function recomputeDeadlines(change: CaseChange, reason: string): void {
  const { policy, calendar, now } = change.context;
  const state = change.state;
  const changed: Record<string, unknown>[] = [];

  const stage = currentStage(state);
  const stillOpen = !stage.completedAt;
  const notYetDue = stage.dueAt !== null && Date.parse(stage.dueAt) > now.getTime();
  if (stillOpen && (stage.beyondCalendar || notYetDue)) {
    const result = withinCalendar(() =>
      stageDeadline(policy, calendar, {
        raisedAt: new Date(state.raisedAt),
        stage: stage.number,
        startedAt: new Date(stage.startedAt),
        extensions: stage.extensions,
      }),
    );
    if ('value' in result && result.value) {
      const deadline = result.value;
      const dueAt = deadline.dueAt.toISOString();
      if (dueAt !== stage.dueAt || stage.beyondCalendar) {
        changed.push({
          stage: stage.number,
          fromDueDate: stage.dueDate,
          dueDate: deadline.dueDate,
          dueAt,
        });
        change.event('deadline-recomputed', stage.number, {
          fromDueDate: stage.dueDate,
          dueDate: deadline.dueDate,
          dueAt,
          calendar: calendar.id,
          reason,
        });
        stage.startDate = deadline.startDate;
        stage.policyDueDate = deadline.policyDueDate;
        stage.dueDate = deadline.dueDate;
        stage.dueAt = dueAt;
        stage.remindedAt = null;
        stage.beyondCalendar = null;
        if (deadline.overdueOnEntry) applyBreachRule(change, stage, stage.startedAt, true);
      }
    } else if ('beyond' in result && result.beyond.year !== stage.beyondCalendar?.year) {
      stage.beyondCalendar = result.beyond;
    }
  }

  if (stillOpen) changed.push(...recomputeSteps(change, reason));

  const overallOpen =
    !state.overallBreachedAt &&
    (state.overallBeyondCalendar ||
      (state.overallDueAt !== null && Date.parse(state.overallDueAt) > now.getTime()));
  if (overallOpen) {
    const result = withinCalendar(() =>
      overallDeadline(policy, calendar, new Date(state.raisedAt)),
    );
    if ('value' in result && result.value) {
      const dueAt = result.value.dueAt.toISOString();
      if (dueAt !== state.overallDueAt) {
        changed.push({
          overall: true,
          fromDueDate: state.overallDueDate,
          dueDate: result.value.dueDate,
          dueAt,
        });
        change.event('deadline-recomputed', stage.number, {
          overall: true,
          fromDueDate: state.overallDueDate,
          dueDate: result.value.dueDate,
          dueAt,
          calendar: calendar.id,
          reason,
        });
        state.overallDueDate = result.value.dueDate;
        state.overallDueAt = dueAt;
      }
      state.overallBeyondCalendar = null;
    }
  }

  if (changed.length === 0) refuse('already-done', 'no date of this case changed');
  change.notice('deadline-changed', stage.number, ['case.participants'], {
    calendar: calendar.id,
    calendarTitle: calendar.title,
    reason,
    changes: changed,
  });
}

/**
 * The open stage's timed steps not yet due (or waiting for their calendar's year), counted
 * again like the stage: a step already breached or done keeps its dates.
 */
function recomputeSteps(change: CaseChange, reason: string): Record<string, unknown>[] {
  const { policy, calendar, now } = change.context;
  const stage = currentStage(change.state);
  const changed: Record<string, unknown>[] = [];
  for (const step of stage.steps ?? []) {
    const definition = policy.stages[stage.number - 1]?.steps.find((d) => d.id === step.id);
    if (!definition || step.completedAt || step.breachedAt) continue;
    const notYetDue = step.dueAt !== null && Date.parse(step.dueAt) > now.getTime();
    if (!step.beyondCalendar && !notYetDue) continue;
    const result = withinCalendar(() =>
      stepDeadline(policy, calendar, definition, new Date(stage.startedAt)),
    );
    if ('beyond' in result) {
      step.beyondCalendar = result.beyond;
      continue;
    }
    const dueAt = result.value.dueAt.toISOString();
    if (dueAt === step.dueAt && !step.beyondCalendar) continue;
    const moved = { fromDueDate: step.dueDate, dueDate: result.value.dueDate, dueAt };
    changed.push({ stage: stage.number, step: definition.title, ...moved });
    change.event('deadline-recomputed', stage.number, {
      step: step.id,
      ...moved,
      calendar: calendar.id,
      reason,
    });
    Object.assign(step, {
      startDate: result.value.startDate,
      dueDate: result.value.dueDate,
      dueAt,
      remindedAt: null,
      beyondCalendar: null,
    });
  }
  return changed;
}
