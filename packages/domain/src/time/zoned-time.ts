import { DateTime } from 'luxon';
import type { DayNumber } from './local-date';
import { zoneOffsetAt } from './zone-offsets';

/** The two conversions between instants and a calendar's local time that the deadline rules need. */

const DAY = 86_400_000;
const MINUTE = 60_000;

export interface LocalMoment {
  day: DayNumber;
  /** seconds after local midnight, with milliseconds as a fraction */
  second: number;
}

export function localMomentOf(instant: Date, zone: string): LocalMoment {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  const local = ms + zoneOffsetAt(zone, ms) * MINUTE;
  const day = Math.floor(local / DAY);
  return { day, second: (local - day * DAY) / 1000 };
}

/**
 * The instant of a local wall-clock time (`HH:MM`) on a local date. A time that does not
 * exist (inside a spring-forward gap) or exists twice (autumn) is resolved as luxon does;
 * the deadline times, 09:00 and close of business, never fall there in the zones in use.
 */
export function instantAt(day: DayNumber, time: string, zone: string): Date {
  const local = day * DAY + secondOfTime(time) * 1000;
  const guess = local - zoneOffsetAt(zone, local) * MINUTE;
  const offset = zoneOffsetAt(zone, guess);
  const ms = local - offset * MINUTE;
  if (zoneOffsetAt(zone, ms) === offset && zoneOffsetAt(zone, ms - 3 * 60 * MINUTE) === offset)
    return new Date(ms);
  return instantAtByZoneData(day, time, zone);
}

function instantAtByZoneData(day: DayNumber, time: string, zone: string): Date {
  const local = DateTime.fromMillis(day * DAY, { zone: 'UTC' }).toISODate();
  const result = DateTime.fromISO(`${local}T${time}`, { zone });
  if (!result.isValid) throw new RangeError(`no such local time ${local} ${time} in ${zone}`);
  return result.toJSDate();
}

/** `HH:MM` → seconds after midnight (the policy schema has checked the form) */
export function secondOfTime(time: string): number {
  const digit = (i: number) => time.charCodeAt(i) - 48;
  return (digit(0) * 10 + digit(1)) * 3600 + (digit(3) * 10 + digit(4)) * 60;
}

export function isKnownZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}
