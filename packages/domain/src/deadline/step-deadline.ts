import { addWorkingDays } from '../calendar/add-working-days';
import { startDayOf } from '../calendar/start-day-of';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { PolicyFile, StageStep } from '../policy/policy.schema';
import { isoDateOf, type IsoDate } from '../time/local-date';
import { instantAt } from '../time/zoned-time';

export interface StepDeadline {
  /** D0 of the step's clock */
  startDate: IsoDate;
  dueDate: IsoDate;
  /** close of business on the due date */
  dueAt: Date;
}

/**
 * The due date of a timed step inside a stage: "within N" working days of its start, as
 * POLICIES.md counts a relative stage (D0 the start day, due on D0 + N). A step starts when
 * its stage is entered; one counted from the stage's `on: enter` notice starts then too, since
 * that notice is sent as the stage is entered.
 */
export function stepDeadline(
  policy: PolicyFile,
  calendar: WorkingDayCalendar,
  step: StageStep,
  stageStartedAt: Date,
): StepDeadline {
  const cob = policy.closeOfBusiness;
  const startDay = startDayOf(calendar, stageStartedAt, cob);
  const dueDay = addWorkingDays(calendar, startDay, step.due.workingDays);
  return {
    startDate: isoDateOf(startDay),
    dueDate: isoDateOf(dueDay),
    dueAt: instantAt(dueDay, cob, calendar.zone),
  };
}
