import { DateTime } from 'luxon';

/**
 * UTC offsets of a time zone, as a table of the instants they change at, built once per
 * zone and year from the runtime's time-zone data. Turning an instant into local time is
 * then a lookup instead of a trip through Intl, which made a stage deadline cost tens of
 * microseconds; the scheduler and the reports compute thousands at a time.
 */

const MINUTE = 60_000;
/** Offsets change on a quarter hour in every zone in use, so a change is found to the minute. */
const SAMPLE_STEP = 7 * 24 * 60 * MINUTE;

interface YearOffsets {
  start: number;
  end: number;
  /** instants (ms) from which each offset holds, ascending; the first is the year's start */
  from: number[];
  /** offset in minutes east of UTC */
  offsets: number[];
}

const tables = new Map<string, Map<number, YearOffsets>>();
/** the year last looked up in each zone: nearly every lookup hits it */
const lastUsed = new Map<string, YearOffsets>();

function offsetFromZoneData(zone: string, ms: number): number {
  const offset = DateTime.fromMillis(ms, { zone }).offset;
  if (!Number.isFinite(offset)) throw new RangeError(`unknown time zone "${zone}"`);
  return offset;
}

function buildYear(zone: string, year: number): YearOffsets {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const from = [start];
  const offsets = [offsetFromZoneData(zone, start)];
  for (let low = start; low < end; low += SAMPLE_STEP) {
    const high = Math.min(low + SAMPLE_STEP, end - 1);
    let previous = offsets.at(-1)!;
    // At most a few changes a year; bisect each one to the minute.
    while (offsetFromZoneData(zone, high) !== previous) {
      let a = from.at(-1)! > low ? from.at(-1)! : low;
      let b = high;
      while (b - a > MINUTE) {
        const mid = a + Math.floor((b - a) / 2 / MINUTE) * MINUTE;
        if (offsetFromZoneData(zone, mid) === previous) a = mid;
        else b = mid;
      }
      from.push(b);
      previous = offsetFromZoneData(zone, b);
      offsets.push(previous);
    }
  }
  return { start, end, from, offsets };
}

/** Minutes east of UTC in `zone` at the instant `ms`. */
export function zoneOffsetAt(zone: string, ms: number): number {
  let table = lastUsed.get(zone);
  if (!table || ms < table.start || ms >= table.end) {
    table = yearTable(zone, new Date(ms).getUTCFullYear());
    lastUsed.set(zone, table);
  }
  const { from, offsets } = table;
  let i = from.length - 1;
  while (i > 0 && from[i]! > ms) i--;
  return offsets[i]!;
}

function yearTable(zone: string, year: number): YearOffsets {
  let years = tables.get(zone);
  if (!years) {
    years = new Map();
    tables.set(zone, years);
  }
  let table = years.get(year);
  if (!table) {
    table = buildYear(zone, year);
    years.set(year, table);
  }
  return table;
}
