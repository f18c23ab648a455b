import { zoneOffsetAt } from './zone-offsets';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Why a time someone typed was refused: a sentence they can act on. */
export class TypedTimeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'TypedTimeError';
  }
}

const FORM =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An instant as a person types it: with an offset (`2026-12-23T10:00:00Z`,
 * `2026-10-25T01:30+01:00`) it is taken as given; a local time without one
 * (`2026-12-23T10:00`) is read in `zone`, and a date alone as 09:00 local, the start of a
 * working day. A local time the clocks skip (the spring gap) or show twice (the repeated
 * autumn hour) is refused, naming the gap or both readings, rather than guessed: a guess
 * can move a deadline by a working day.
 */
export function readTypedInstant(text: string, zone: string): Date {
  const trimmed = text.trim();
  const match = FORM.exec(trimmed);
  if (!match) {
    throw new TypedTimeError(
      `"${text}" is not a date and time; write 2026-12-23T10:00:00Z, 2026-12-23T10:00 (${zone}) or 2026-12-23`,
    );
  }
  const [, y, mo, d, h, mi, s, frac, offset] = match;
  const dateOnly = h === undefined;
  const parts = [y, mo, d, h ?? '09', mi ?? '00', s ?? '00'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number((frac ?? '0').padEnd(3, '0'));
  const local = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5], ms);
  const back = new Date(local);
  if (
    back.getUTCFullYear() !== parts[0] ||
    back.getUTCMonth() !== parts[1] - 1 ||
    back.getUTCDate() !== parts[2] ||
    parts[3] > 23 ||
    parts[4] > 59 ||
    parts[5] > 59
  ) {
    throw new TypedTimeError(`"${text}" is not a date and time: there is no such day or time`);
  }
  if (offset !== undefined) {
    if (dateOnly) throw new TypedTimeError(`"${text}": an offset needs a time of day`);
    return new Date(local - offsetMinutes(offset) * MINUTE);
  }
  const readings = readingsOf(local, zone);
  const shown = trimmed.replace(' ', 'T');
  if (readings.length === 1) return readings[0]!;
  if (readings.length === 0) {
    const gap = gapAround(local, zone);
    throw new TypedTimeError(
      `${shown} does not exist in ${zone}: the clocks go forward from ${clock(gap.from)} to ` +
        `${clock(gap.to)} that day. Write the time with its offset, or a time outside the gap.`,
    );
  }
  const [first, second] = readings.map((instant) => withOffset(instant, zone));
  throw new TypedTimeError(
    `${shown} happens twice in ${zone} (the clocks go back that night): it could be ` +
      `${first} or ${second}. Write the one you mean, with its offset.`,
  );
}

/** The instants whose local time in `zone` is `local` (milliseconds of local wall time). */
function readingsOf(local: number, zone: string): Date[] {
  const offsets = new Set([
    zoneOffsetAt(zone, local - DAY),
    zoneOffsetAt(zone, local),
    zoneOffsetAt(zone, local + DAY),
  ]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const instant = local - offset * MINUTE;
    if (zoneOffsetAt(zone, instant) === offset) found.add(instant);
  }
  return [...found].sort((a, b) => a - b).map((instant) => new Date(instant));
}

/** The local wall times the clocks skip around `local`: from the old offset to the new. */
function gapAround(local: number, zone: string): { from: number; to: number } {
  const before = zoneOffsetAt(zone, local - DAY);
  let lo = local - DAY - before * MINUTE;
  let hi = local + DAY;
  while (hi - lo > MINUTE) {
    const mid = Math.floor((lo + hi) / 2 / MINUTE) * MINUTE;
    if (zoneOffsetAt(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  const after = zoneOffsetAt(zone, hi);
  return { from: hi + before * MINUTE, to: hi + after * MINUTE };
}

function offsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const digits = offset.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

const pad = (n: number) => String(n).padStart(2, '0');

function clock(localMs: number): string {
  const t = new Date(localMs);
  return `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** e.g. 2026-10-25T01:30+01:00 */
function withOffset(instant: Date, zone: string): string {
  const offset = zoneOffsetAt(zone, instant.getTime());
  const local = new Date(instant.getTime() + offset * MINUTE).toISOString().slice(0, 16);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
