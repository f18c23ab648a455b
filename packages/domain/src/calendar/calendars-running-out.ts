import type { PolicyLibrary } from '../library/build-policy-library';
import { calendarsInUse } from './calendar-days-left';
import { isoDateOf, type IsoDate } from '../time/local-date';
import { localMomentOf } from '../time/zoned-time';

export interface CalendarRunningOut {
  calendar: string;
  /** the last day the calendar knows the holidays of */
  lastDay: IsoDate;
  /** what to tell the people who keep it */
  message: string;
}

/** How far ahead of a calendar's end the service starts saying so. */
export const CALENDAR_WARNING_MONTHS = 12;

/**
 * The calendars some policy counts in that end within the next 12 months (or have ended):
 * a case raised near the end gets stages with no date until the next year's holidays are
 * added, so the partnership is told a year ahead, while there is time to add them.
 */
export function calendarsRunningOut(library: PolicyLibrary, now: Date): CalendarRunningOut[] {
  const out: CalendarRunningOut[] = [];
  for (const id of calendarsInUse(library)) {
    const calendar = library.calendars.get(id)!;
    const lastDay = isoDateOf(calendar.lastDay);
    const today = isoDateOf(localMomentOf(now, calendar.zone).day);
    const from = `${Number(lastDay.slice(0, 4)) - CALENDAR_WARNING_MONTHS / 12}${lastDay.slice(4)}`;
    if (today < from) continue;
    out.push({
      calendar: id,
      lastDay,
      message:
        `the ${id} calendar ends on ${lastDay}: add ${Number(lastDay.slice(0, 4)) + 1}'s holidays ` +
        `(npm run -s calendars -- import ${id} <file>) before dates fall past its end`,
    });
  }
  return out;
}
