/**
 * Local calendar dates as whole day numbers (days since 1970-01-01), so that working-day
 * arithmetic is integer arithmetic. Conversions use Howard Hinnant's civil-date algorithms:
 * exact for the proleptic Gregorian calendar and free of Date objects and time zones.
 */

/** A local date, `yyyy-mm-dd`. */
export type IsoDate = string;
/** Days since 1970-01-01. */
export type DayNumber = number;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== null;
}

export function dayNumberOf(date: IsoDate): DayNumber {
  const day = parseIsoDate(date);
  if (day === null) throw new RangeError(`not a date (yyyy-mm-dd): ${JSON.stringify(date)}`);
  return day;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function parseIsoDate(value: string): DayNumber | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const length = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (length === undefined || day < 1 || day > length) return null;
  return dayNumberOfParts(year, month, day);
}

export function dayNumberOfParts(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function isoDateOf(dayNumber: DayNumber): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO weekday: Monday 1 ... Sunday 7. 1970-01-01 was a Thursday. */
export function isoWeekdayOf(dayNumber: DayNumber): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(dayNumber: DayNumber): boolean {
  return isoWeekdayOf(dayNumber) >= 6;
}
