import { OutsideCalendarError } from '../calendar/working-day-calendar';

/**
 * A date that falls after the last year a calendar knows: not an error of the case but a
 * calendar to extend. The stage keeps no due date until the year is added, then gets one.
 */
export interface BeyondCalendar {
  calendar: string;
  /** the year whose holidays are needed */
  year: number;
}

export function describeBeyondCalendar(beyond: BeyondCalendar): string {
  return `beyond the ${beyond.calendar} calendar: add ${beyond.year}'s holidays`;
}

/**
 * Run a date computation; a date past the calendar's end comes back as `{ beyond }` rather
 * than thrown. A date before the calendar's first year is still an error: no case starts
 * there, and counting from it would be a guess.
 */
export function withinCalendar<T>(compute: () => T): { value: T } | { beyond: BeyondCalendar } {
  try {
    return { value: compute() };
  } catch (error) {
    if (error instanceof OutsideCalendarError && error.after) {
      return { beyond: { calendar: error.calendarId, year: error.year } };
    }
    throw error;
  }
}
