import { addWorkingDays } from './add-working-days';
import { isWorkingDay } from './is-working-day';
import type { WorkingDayCalendar } from './working-day-calendar';
import type { DayNumber } from '../time/local-date';
import { localMomentOf, secondOfTime } from '../time/zoned-time';

/**
 * The start day (D0) of a clock started at `instant` (POLICIES.md, "Counting working
 * days"): the local date when that is a working day and the instant is at or before close
 * of business; otherwise the next working day. A concern raised at 17:30 on a Friday starts
 * its clock on Monday.
 */
export function startDayOf(
  calendar: WorkingDayCalendar,
  instant: Date,
  closeOfBusiness: string,
): DayNumber {
  const local = localMomentOf(instant, calendar.zone);
  if (isWorkingDay(calendar, local.day) && local.second <= secondOfTime(closeOfBusiness)) {
    return local.day;
  }
  return addWorkingDays(calendar, local.day, 1);
}
