import { addWorkingDays } from '../calendar/add-working-days';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { dayNumberOf, type IsoDate } from '../time/local-date';
import { instantAt } from '../time/zoned-time';

/** Reminders go at the start of the working day before the due date (CONTRACT.md). */
export const REMINDER_TIME = '09:00';

/**
 * When a stage's reminder is due: 09:00 local one working day before its due date; null
 * when that moment came before the stage started (a one-day stage), since the people on it
 * were told the due date when it began.
 */
export function reminderAt(
  calendar: WorkingDayCalendar,
  dueDate: IsoDate,
  stageStartedAt: Date,
): Date | null {
  const day = addWorkingDays(calendar, dayNumberOf(dueDate), -1);
  const at = instantAt(day, REMINDER_TIME, calendar.zone);
  return at.getTime() > stageStartedAt.getTime() ? at : null;
}
