import { workingDaysUpTo, type WorkingDayCalendar } from './working-day-calendar';
import { isoDateOf, type DayNumber, type IsoDate } from '../time/local-date';

/** The working days from `from` to `to` inclusive, in order. */
export function listWorkingDays(
  calendar: WorkingDayCalendar,
  from: DayNumber,
  to: DayNumber,
): IsoDate[] {
  const end = workingDaysUpTo(calendar, to);
  workingDaysUpTo(calendar, from);
  if (to < from) return [];
  const start = calendar.rankBefore[from - calendar.firstDay]!;
  return Array.from(calendar.workingDays.subarray(start, end), (day) => isoDateOf(day));
}
