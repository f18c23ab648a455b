import { workingDaysUpTo, type WorkingDayCalendar } from './working-day-calendar';
import { isoDateOf, isWeekend, type DayNumber, type IsoDate } from '../time/local-date';

export interface ClosedDay {
  date: IsoDate;
  /** the holiday's name or the closure's reason */
  name: string;
}

/**
 * The weekdays from `from` to `to` inclusive that are not working days, with why. Weekend
 * holidays (Liberation Day on a Saturday) are left out: they change no count.
 */
export function closedDaysBetween(
  calendar: WorkingDayCalendar,
  from: DayNumber,
  to: DayNumber,
): ClosedDay[] {
  workingDaysUpTo(calendar, from);
  workingDaysUpTo(calendar, to);
  return [...calendar.closedDays]
    .filter(([day]) => day >= from && day <= to && !isWeekend(day))
    .sort(([a], [b]) => a - b)
    .map(([day, name]) => ({ date: isoDateOf(day), name }));
}
