import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * The test's own working-day arithmetic, written apart from the product's calendar code so
 * that the suite checks the product rather than repeating it. It reads only the data, the
 * dates listed in `policies/calendars/<id>.yaml` (every year's holidays and the closures),
 * and applies POLICIES.md "Counting working days" by walking one day at a time:
 *
 * - a working day is Monday to Friday and not a listed date;
 * - D0 of a clock started at instant t is t's local date when that is a working day and t is
 *   at or before close of business (17:00), otherwise the next working day;
 * - "within N" is D0 + N working days, "by working day K" is D0 + (K - 1); due at 17:00 local.
 *
 * Dates are `yyyy-mm-dd` strings; local times are converted with Intl's zone data.
 */
export class WorkingDays {
  private constructor(
    readonly zone: string,
    private readonly closed: ReadonlySet<string>,
  ) {}

  static load(calendarId: string): WorkingDays {
    const file = join(__dirname, '../../../../policies/calendars', `${calendarId}.yaml`);
    const data = parse(readFileSync(file, 'utf8')) as CalendarFile;
    const dates = [
      ...data.years.flatMap((year) => year.holidays.map((day) => day.date)),
      ...(data.closures ?? []).map((day) => day.date),
    ].map((date) => (date instanceof Date ? date.toISOString().slice(0, 10) : String(date)));
    return new WorkingDays(data.zone, new Set(dates));
  }

  isWorkingDay(date: string): boolean {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.closed.has(date);
  }

  /** `n` working days after `date` (n = 0: the date itself). */
  add(date: string, n: number): string {
    let day = date;
    for (let counted = 0; counted < n;) {
      day = nextDate(day);
      if (this.isWorkingDay(day)) counted += 1;
    }
    return day;
  }

  /** Working days after `from` up to and including `to` (the same day: 0). */
  between(from: string, to: string): number {
    let count = 0;
    for (let day = from; day < to;) {
      day = nextDate(day);
      if (this.isWorkingDay(day)) count += 1;
    }
    return count;
  }

  /** D0 of a clock started at `instant`, close of business 17:00. */
  startDay(instant: Date): string {
    const { date, millisecond } = this.local(instant);
    // At or before 17:00:00.000: a raise a millisecond later starts its clock the next day.
    if (this.isWorkingDay(date) && millisecond <= 17 * 3_600_000) return date;
    let day = nextDate(date);
    while (!this.isWorkingDay(day)) day = nextDate(day);
    return day;
  }

  /** The instant of a local date and time (`hh:mm`) in the calendar's zone. */
  at(date: string, time: string): Date {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const [hh, mm] = time.split(':').map(Number) as [number, number];
    const asUtc = Date.UTC(y, m - 1, d, hh, mm);
    let instant = asUtc - this.offsetAt(asUtc);
    instant = asUtc - this.offsetAt(instant);
    return new Date(instant);
  }

  /** Close of business on a date: when a stage due that day runs out. */
  dueAt(date: string): string {
    return this.at(date, '17:00').toISOString();
  }

  /** The local date of an instant, and the milliseconds after local midnight. */
  local(instant: Date): { date: string; millisecond: number } {
    const parts = this.parts(instant.getTime());
    const pad = (n: number) => String(n).padStart(2, '0');
    return {
      date: `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`,
      millisecond:
        ((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000 + (instant.getTime() % 1000),
    };
  }

  /** Local time minus UTC, in milliseconds, at an instant. */
  private offsetAt(instant: number): number {
    const p = this.parts(instant);
    const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return local - Math.floor(instant / 1000) * 1000;
  }

  private parts(instant: number) {
    const format = new Intl.DateTimeFormat('en-GB', {
      timeZone: this.zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    const parts = format.formatToParts(new Date(instant));
    const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
    return {
      year: value('year'),
      month: value('month'),
      day: value('day'),
      hour: value('hour'),
      minute: value('minute'),
      second: value('second'),
    };
  }
}

/** "Wednesday 25 November 2026", as the emails write a date. */
export function longDate(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  return `${weekdays[day.getUTCDay()]} ${day.getUTCDate()} ${months[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

interface CalendarFile {
  zone: string;
  years: { holidays: { date: string | Date }[] }[];
  closures?: { date: string | Date }[] | null;
}
