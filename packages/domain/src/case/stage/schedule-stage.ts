import { reminderAt } from '../../deadline/reminder-at';
import type { WorkingDayCalendar } from '../../calendar/working-day-calendar';
import type { CaseState, StageRecord, StepRecord } from '../case-state';

/**
 * When the deadline scheduler next needs to look at a stage: its reminder time until the
 * reminder has gone, then its due instant until a breach of that due date is recorded, then
 * never (until an extension gives it a new due date). Kept on the stage so the scheduler
 * finds what is due with one index probe, however many cases are open.
 */
export function scheduleStage(stage: StageRecord, calendar: WorkingDayCalendar): void {
  stage.remindAt = stage.dueDate
    ? (reminderAt(calendar, stage.dueDate, new Date(stage.startedAt))?.toISOString() ?? null)
    : null;
  const breached = stage.breaches.some((breach) => breach.dueDate === stage.dueDate);
  if (stage.completedAt || !stage.dueAt || breached) stage.checkAt = null;
  else if (
    stage.remindAt &&
    !stage.remindedAt &&
    Date.parse(stage.remindAt) < Date.parse(stage.dueAt)
  )
    stage.checkAt = stage.remindAt;
  else stage.checkAt = stage.dueAt;
  for (const step of stage.steps ?? []) scheduleStep(step, stage, calendar);
}

/**
 * A timed step's next look, as a stage's: its reminder until sent, then its due instant
 * until done or breached. A step ended (done, or its stage over) needs nothing more.
 */
function scheduleStep(step: StepRecord, stage: StageRecord, calendar: WorkingDayCalendar): void {
  step.remindAt = step.dueDate
    ? (reminderAt(calendar, step.dueDate, new Date(stage.startedAt))?.toISOString() ?? null)
    : null;
  if (step.completedAt || !step.dueAt || step.breachedAt) step.checkAt = null;
  else if (step.remindAt && !step.remindedAt && Date.parse(step.remindAt) < Date.parse(step.dueAt))
    step.checkAt = step.remindAt;
  else step.checkAt = step.dueAt;
}

/** The case's own check: its overall limit, until breached or closed. */
export function scheduleOverallLimit(state: CaseState): void {
  state.overallCheckAt =
    state.status === 'open' && state.overallDueAt && !state.overallBreachedAt
      ? state.overallDueAt
      : null;
}
