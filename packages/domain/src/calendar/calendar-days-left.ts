import type { PolicyLibrary } from '../library/build-policy-library';
import { isoDateOf, type IsoDate } from '../time/local-date';
import { localMomentOf } from '../time/zoned-time';

export interface CalendarDaysLeft {
  calendar: string;
  /** the last day the calendar knows the holidays of */
  lastDay: IsoDate;
  /** from today (the calendar's local day) to its last day; below zero once it has run out */
  daysLeft: number;
}

/** The calendars some policy counts in: each policy's own and any others it allows, by id. */
export function calendarsInUse(library: PolicyLibrary): string[] {
  const inUse = new Set<string>();
  for (const policy of library.policies.values()) {
    inUse.add(policy.calendar);
    for (const allowed of policy.calendars ?? []) inUse.add(allowed.id);
  }
  return [...inUse].filter((id) => library.calendars.has(id)).sort();
}

/**
 * How many days each calendar in use has left: past its last day no deadline can be
 * counted, so an operator watches this fall (and /health warns from a year before).
 */
export function daysLeftInCalendars(library: PolicyLibrary, now: Date): CalendarDaysLeft[] {
  return calendarsInUse(library).map((id) => {
    const calendar = library.calendars.get(id)!;
    const today = localMomentOf(now, calendar.zone).day;
    return {
      calendar: id,
      lastDay: isoDateOf(calendar.lastDay),
      daysLeft: calendar.lastDay - today,
    };
  });
}
