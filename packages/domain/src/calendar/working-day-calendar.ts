import type { CalendarFile } from './calendar.schema';
import {
  dayNumberOf,
  isoDateOf,
  isWeekend,
  type DayNumber,
  type IsoDate,
} from '../time/local-date';

/**
 * A calendar's working days as an index, built once per calendar: a bitmap of working
 * days, the count of working days before each day, and the working days in order. Every
 * query is then one or two array reads, which the scheduler and reports rely on (they ask
 * millions of times), instead of a loop over days.
 */
export interface WorkingDayCalendar {
  readonly id: string;
  readonly title: string;
  /** the IANA zone its local dates are in */
  readonly zone: string;
  /** the first and last day the calendar knows the holidays of */
  readonly firstDay: DayNumber;
  readonly lastDay: DayNumber;
  /** `rankBefore[d - firstDay]`: working days in [firstDay, d) */
  readonly rankBefore: Int32Array;
  /** the working days in order */
  readonly workingDays: Int32Array;
  /** why a weekday is not a working day: holiday names and closure reasons */
  readonly closedDays: ReadonlyMap<DayNumber, string>;
}

export class OutsideCalendarError extends RangeError {
  /** the calendar that ran out */
  readonly calendarId: string;
  /** true when the date falls after the calendar's last year, false when before its first */
  readonly after: boolean;
  /** the year whose holidays it needs */
  readonly year: number;

  constructor(
    calendar: Pick<WorkingDayCalendar, 'id' | 'firstDay' | 'lastDay'>,
    what: string,
    before = false,
  ) {
    super(
      `${what} is outside the ${calendar.id} calendar, which knows the holidays from ` +
        `${isoDateOf(calendar.firstDay)} to ${isoDateOf(calendar.lastDay)}: ` +
        (before
          ? `add the earlier years' bank holidays to policies/calendars/${calendar.id}.yaml to count from then`
          : `add the next year's bank holidays to policies/calendars/${calendar.id}.yaml`),
    );
    this.name = 'OutsideCalendarError';
    this.calendarId = calendar.id;
    this.after = !before;
    this.year = before
      ? Number(isoDateOf(calendar.firstDay).slice(0, 4)) - 1
      : Number(isoDateOf(calendar.lastDay).slice(0, 4)) + 1;
  }
}

export function buildWorkingDayCalendar(file: CalendarFile): WorkingDayCalendar {
  const firstYear = file.years[0]!.year;
  const lastYear = file.years.at(-1)!.year;
  const firstDay = dayNumberOf(`${firstYear}-01-01`);
  const lastDay = dayNumberOf(`${lastYear}-12-31`);

  const closedDays = new Map<DayNumber, string>();
  for (const year of file.years) {
    for (const holiday of year.holidays) closedDays.set(dayNumberOf(holiday.date), holiday.name);
  }
  for (const closure of file.closures) {
    const day = dayNumberOf(closure.date);
    closedDays.set(day, closedDays.get(day) ?? closure.reason);
  }

  const span = lastDay - firstDay + 1;
  const rankBefore = new Int32Array(span + 1);
  const working: number[] = [];
  for (let i = 0; i < span; i++) {
    const day = firstDay + i;
    const isWorking = !isWeekend(day) && !closedDays.has(day);
    rankBefore[i + 1] = rankBefore[i]! + (isWorking ? 1 : 0);
    if (isWorking) working.push(day);
  }
  return {
    id: file.id,
    title: file.title,
    zone: file.zone,
    firstDay,
    lastDay,
    rankBefore,
    workingDays: Int32Array.from(working),
    closedDays,
  };
}

/** Working days on or before `day` (0 before the first). */
export function workingDaysUpTo(calendar: WorkingDayCalendar, day: DayNumber): number {
  if (day < calendar.firstDay || day > calendar.lastDay) {
    throw new OutsideCalendarError(calendar, isoDateOf(day), day < calendar.firstDay);
  }
  return calendar.rankBefore[day - calendar.firstDay + 1]!;
}

/** The working day at a 0-based rank, or an error naming the date that fell outside. */
export function workingDayAtRank(
  calendar: WorkingDayCalendar,
  rank: number,
  from: DayNumber,
): DayNumber {
  const day = calendar.workingDays[rank];
  if (day === undefined) {
    throw new OutsideCalendarError(
      calendar,
      `a working day counted from ${isoDateOf(from)}`,
      rank < 0,
    );
  }
  return day;
}

export type { DayNumber, IsoDate };
