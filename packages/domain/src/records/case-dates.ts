import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import { countWorkingDays } from '../calendar/count-working-days';
import { dayNumberOf, isoDateOf, type IsoDate } from '../time/local-date';
import { localMomentOf } from '../time/zoned-time';
import { MONTH_NAMES } from '../time/month-names';

/** The local date of an instant in the case's calendar. */
export function localDateOf(instant: string, calendar: WorkingDayCalendar): IsoDate {
  return isoDateOf(localMomentOf(new Date(instant), calendar.zone).day);
}

/** `14 December 2026`: how the partnerships' forms are filled in by hand. */
export function writtenDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTH_NAMES[(month ?? 1) - 1]} ${year}`;
}

/** `14 December 2026 15:04` local time, for chronologies. */
export function writtenDateTime(instant: string, calendar: WorkingDayCalendar): string {
  const moment = localMomentOf(new Date(instant), calendar.zone);
  const minutes = Math.floor(moment.second / 60);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${writtenDate(isoDateOf(moment.day))} ${hh}:${mm}`;
}

export interface TimeTaken {
  workingDays: number | null;
  calendarDays: number;
}

/**
 * From the day a case was raised to the day it ended (or `until`), in working days of its
 * calendar and in calendar days. Working days are null where the calendar does not reach.
 */
export function timeTaken(from: string, until: string, calendar: WorkingDayCalendar): TimeTaken {
  const start = dayNumberOf(localDateOf(from, calendar));
  const end = dayNumberOf(localDateOf(until, calendar));
  let workingDays: number | null;
  try {
    workingDays = countWorkingDays(calendar, start, end);
  } catch {
    workingDays = null;
  }
  return { workingDays, calendarDays: end - start };
}

export function describeTimeTaken(taken: TimeTaken): string {
  const calendarDays = `${taken.calendarDays} calendar day${taken.calendarDays === 1 ? '' : 's'}`;
  return taken.workingDays === null
    ? calendarDays
    : `${taken.workingDays} working day${taken.workingDays === 1 ? '' : 's'} (${calendarDays})`;
}
