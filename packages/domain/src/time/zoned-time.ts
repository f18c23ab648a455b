import { DateTime } from 'luxon';
import { dayNumberOf, isoDateOf, type DayNumber } from './local-date';

/**
 * The two conversions between instants and a calendar's local time that the deadline rules
 * need. Luxon reads the time-zone rules from the runtime's ICU data, so clock changes are
 * handled without a table of our own.
 */

export interface LocalMoment {
  day: DayNumber;
  /** seconds after local midnight, with milliseconds as a fraction */
  second: number;
}

export function localMomentOf(instant: Date, zone: string): LocalMoment {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) throw new RangeError(`cannot place ${String(instant)} in time zone ${zone}`);
  return {
    day: dayNumberOf(local.toISODate()),
    second: local.hour * 3600 + local.minute * 60 + local.second + local.millisecond / 1000,
  };
}

/** The instant of a local wall-clock time (`HH:MM`) on a local date. */
export function instantAt(day: DayNumber, time: string, zone: string): Date {
  const local = DateTime.fromISO(`${isoDateOf(day)}T${time}`, { zone });
  if (!local.isValid) throw new RangeError(`no such local time ${isoDateOf(day)} ${time} in ${zone}`);
  return local.toJSDate();
}

/** `HH:MM` → seconds after midnight */
export function secondOfTime(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 3600 + (minutes ?? 0) * 60;
}

export function isKnownZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}
