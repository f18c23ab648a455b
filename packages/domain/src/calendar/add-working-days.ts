import { workingDayAtRank, workingDaysUpTo, type WorkingDayCalendar } from './working-day-calendar';
import type { DayNumber } from '../time/local-date';

/**
 * The n-th working day after `day` (n > 0) or before it (n < 0); `day` itself for n = 0.
 * `day` need not be a working day: one working day after a Saturday is the Monday.
 */
export function addWorkingDays(calendar: WorkingDayCalendar, day: DayNumber, n: number): DayNumber {
  if (!Number.isInteger(n)) throw new RangeError(`a whole number of working days, not ${n}`);
  const upTo = workingDaysUpTo(calendar, day);
  if (n === 0) return day;
  if (n > 0) return workingDayAtRank(calendar, upTo + n - 1, day);
  const before = calendar.rankBefore[day - calendar.firstDay]!;
  return workingDayAtRank(calendar, before + n, day);
}
