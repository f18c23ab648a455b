import { workingDaysUpTo, type WorkingDayCalendar } from './working-day-calendar';
import type { DayNumber } from '../time/local-date';

/**
 * Working days after `from` up to and including `to` (negative when `to` is earlier), so
 * that counting from a day to the day n working days after it gives n.
 */
export function countWorkingDays(
  calendar: WorkingDayCalendar,
  from: DayNumber,
  to: DayNumber,
): number {
  return workingDaysUpTo(calendar, to) - workingDaysUpTo(calendar, from);
}
