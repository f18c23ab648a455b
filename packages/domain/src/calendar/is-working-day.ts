import { workingDaysUpTo, type WorkingDayCalendar } from './working-day-calendar';
import type { DayNumber } from '../time/local-date';

/** Monday to Friday and not a holiday or closure of the calendar. */
export function isWorkingDay(calendar: WorkingDayCalendar, day: DayNumber): boolean {
  const upTo = workingDaysUpTo(calendar, day);
  return calendar.rankBefore[day - calendar.firstDay]! !== upTo;
}
