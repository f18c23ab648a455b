import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { addWorkingDays } from './add-working-days';
import { CalendarFileSchema, type CalendarFile } from './calendar.schema';
import { closedDaysBetween } from './closed-days-between';
import { countWorkingDays } from './count-working-days';
import { isWorkingDay } from './is-working-day';
import { listWorkingDays } from './list-working-days';
import { startDayOf } from './start-day-of';
import {
  buildWorkingDayCalendar,
  OutsideCalendarError,
  type WorkingDayCalendar,
} from './working-day-calendar';
import { parseYamlFile } from '../policy/parse-policy';
import { instantAt } from '../time/zoned-time';

/**
 * The working-day index against a reference that shares none of its machinery: the closed
 * days are read straight from the YAML, weekdays come from `Date#getUTCDay`, local times
 * from `Intl.DateTimeFormat`, and every answer is found by walking day by day. The index's
 * prefix sums make off-by-one mistakes easy and invisible in hand-picked cases.
 */

const CALENDAR_IDS = ['england-and-wales', 'guernsey', 'alderney'] as const;
const RUNS = 2000;
const MS_PER_DAY = 86_400_000;
const CLOSE_OF_BUSINESS = '17:00';
const CLOSE_SECOND = 17 * 3600;

interface Oracle {
  first: number;
  last: number;
  /** `working[d - first]`: 1 for Monday to Friday when the YAML lists no holiday or closure */
  working: Uint8Array;
  /** why each listed day is closed: a holiday's name, else the closure's reason */
  names: Map<number, string>;
  /** the working days in order, and `before[d - first]`: how many of them fall before d */
  workingList: number[];
  before: Int32Array;
}

function dayOfIso(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
}

function isoOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function buildOracle(file: CalendarFile): Oracle {
  const first = Date.UTC(file.years[0]!.year, 0, 1) / MS_PER_DAY;
  const last = Date.UTC(file.years.at(-1)!.year, 11, 31) / MS_PER_DAY;
  const names = new Map<number, string>();
  for (const year of file.years)
    for (const holiday of year.holidays) names.set(dayOfIso(holiday.date), holiday.name);
  for (const closure of file.closures) {
    const day = dayOfIso(closure.date);
    if (!names.has(day)) names.set(day, closure.reason);
  }
  const working = new Uint8Array(last - first + 1);
  const before = new Int32Array(last - first + 2);
  const workingList: number[] = [];
  for (let day = first; day <= last; day++) {
    const weekday = new Date(day * MS_PER_DAY).getUTCDay();
    const isWorking = weekday !== 0 && weekday !== 6 && !names.has(day);
    working[day - first] = isWorking ? 1 : 0;
    before[day - first + 1] = before[day - first]! + (isWorking ? 1 : 0);
    if (isWorking) workingList.push(day);
  }
  return { first, last, working, names, workingList, before };
}

function oracleIsWorking(o: Oracle, day: number): boolean {
  return o.working[day - o.first] === 1;
}

/** Step a day at a time, counting working days; undefined when the walk leaves the calendar. */
function naiveAdd(o: Oracle, day: number, n: number): number | undefined {
  const step = Math.sign(n);
  let current = day;
  for (let left = Math.abs(n); left > 0;) {
    current += step;
    if (current < o.first || current > o.last) return undefined;
    if (oracleIsWorking(o, current)) left -= 1;
  }
  return current;
}

/** Working days after `from` up to and including `to`, negated when `to` is earlier. */
function naiveCount(o: Oracle, from: number, to: number): number {
  const [low, high, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let day = low + 1; day <= high; day++) if (oracleIsWorking(o, day)) count += 1;
  return sign * count;
}

/** Working days strictly after `day` and strictly before it, within the calendar. */
function room(o: Oracle, day: number): { after: number; before: number } {
  return {
    before: o.before[day - o.first]!,
    after: o.workingList.length - o.before[day - o.first + 1]!,
  };
}

function localOf(zone: string): (ms: number) => { day: number; second: number } {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (ms) => {
    const parts = new Map(
      format.formatToParts(new Date(ms)).map((part) => [part.type, Number(part.value)]),
    );
    const part = (type: Intl.DateTimeFormatPartTypes): number => parts.get(type) ?? Number.NaN;
    return {
      day: Date.UTC(part('year'), part('month') - 1, part('day')) / MS_PER_DAY,
      second: part('hour') * 3600 + part('minute') * 60 + part('second') + (ms % 1000) / 1000,
    };
  };
}

function load(id: string): { calendar: WorkingDayCalendar; oracle: Oracle } {
  const file = join(__dirname, '../../../../policies/calendars', `${id}.yaml`);
  const parsed = parseYamlFile(CalendarFileSchema, readFileSync(file, 'utf8'), file);
  return { calendar: buildWorkingDayCalendar(parsed), oracle: buildOracle(parsed) };
}

/** The result, `outside` for an OutsideCalendarError, or any other error as text. */
function outcome(run: () => number): number | string {
  try {
    return run();
  } catch (error) {
    return error instanceof OutsideCalendarError ? 'outside' : String(error);
  }
}

describe.each(CALENDAR_IDS)('the %s calendar', (id) => {
  const { calendar, oracle } = load(id);
  const { first, last } = oracle;
  const add = (day: number, n: number): number => addWorkingDays(calendar, day, n);
  const count = (from: number, to: number): number => countWorkingDays(calendar, from, to);

  const anyDay = fc.integer({ min: first, max: last });
  // A fifth of the starts within a month of either end, where the index's bounds are tested.
  const dayNearTheEdges = fc.oneof(
    { weight: 3, arbitrary: anyDay },
    { weight: 1, arbitrary: fc.integer({ min: first, max: first + 31 }) },
    { weight: 1, arbitrary: fc.integer({ min: last - 31, max: last }) },
  );
  /** A start and an n whose result stays inside: short hops mostly, some across the whole range. */
  const startAndN = dayNearTheEdges.chain((start) => {
    const { before, after } = room(oracle, start);
    return fc.record({
      start: fc.constant(start),
      n: fc.oneof(
        fc.integer({ min: -Math.min(before, 25), max: Math.min(after, 25) }),
        fc.integer({ min: -before, max: after }),
      ),
    });
  });

  it('covers whole years and agrees with the YAML on every closed day', () => {
    expect([calendar.firstDay, calendar.lastDay]).toEqual([first, last]);
    expect(new Map(calendar.closedDays)).toEqual(oracle.names);
  });

  it('isWorkingDay and listWorkingDays agree with the reference on every day of the range', () => {
    const wrong: string[] = [];
    for (let day = first; day <= last; day++) {
      if (isWorkingDay(calendar, day) !== oracleIsWorking(oracle, day)) wrong.push(isoOfDay(day));
    }
    expect(wrong).toEqual([]);
    expect(Array.from(calendar.workingDays)).toEqual(oracle.workingList);
    expect(listWorkingDays(calendar, first, last)).toEqual(oracle.workingList.map(isoOfDay));
  });

  it('addWorkingDays equals the day-by-day walk, or refuses exactly when the walk leaves the calendar', () => {
    fc.assert(
      fc.property(
        dayNearTheEdges,
        fc.oneof(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -3500, max: 3500 })),
        (start, n) => {
          const expected = naiveAdd(oracle, start, n) ?? 'outside';
          return outcome(() => add(start, n)) === expected;
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('countWorkingDays equals the day-by-day count', () => {
    fc.assert(
      fc.property(anyDay, anyDay, (from, to) => count(from, to) === naiveCount(oracle, from, to)),
      { numRuns: RUNS },
    );
  });

  it('never lands on a weekend, a holiday or a closure (n ≠ 0)', () => {
    fc.assert(
      fc.property(startAndN, ({ start, n }) => {
        fc.pre(n !== 0);
        const result = add(start, n);
        const weekday = new Date(result * MS_PER_DAY).getUTCDay();
        return weekday !== 0 && weekday !== 6 && !oracle.names.has(result);
      }),
      { numRuns: RUNS },
    );
  });

  it('counting from the start gives back n (n ≥ 0, or n < 0 from a working day)', () => {
    fc.assert(
      fc.property(startAndN, ({ start, n }) => {
        const counted = count(start, add(start, n));
        if (n >= 0 || oracleIsWorking(oracle, start)) return counted === n;
        // Backwards from a closed day the first step back is a working day that the count,
        // which only counts days after its far end, does not include: one fewer.
        return counted === n + 1;
      }),
      { numRuns: RUNS },
    );
  });

  it('is monotonic in the start: a ≤ b ⇒ add(a, n) ≤ add(b, n)', () => {
    // A margin of 150 days keeps 60 working days either way inside every calendar.
    const inner = fc.integer({ min: first + 150, max: last - 150 });
    fc.assert(
      fc.property(inner, inner, fc.integer({ min: -60, max: 60 }), (x, y, n) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        return add(a, n) <= add(b, n);
      }),
      { numRuns: RUNS },
    );
  });

  it('is monotonic in n: n ≤ m ⇒ add(d, n) ≤ add(d, m)', () => {
    const dayAndTwoNs = dayNearTheEdges.chain((day) => {
      const { before, after } = room(oracle, day);
      const n = fc.oneof(
        fc.integer({ min: -Math.min(before, 10), max: Math.min(after, 10) }),
        fc.integer({ min: -before, max: after }),
      );
      return fc.tuple(fc.constant(day), n, n);
    });
    fc.assert(
      fc.property(dayAndTwoNs, ([day, x, y]) => {
        const [n, m] = x <= y ? [x, y] : [y, x];
        return add(day, n) <= add(day, m);
      }),
      { numRuns: RUNS },
    );
  });

  it('adds up: add(add(d, a), b) = add(d, a + b) for a, b > 0', () => {
    const dayAndTwoSteps = dayNearTheEdges
      .filter((day) => room(oracle, day).after >= 2)
      .chain((day) => {
        const { after } = room(oracle, day);
        return fc
          .integer({ min: 1, max: Math.min(after - 1, 400) })
          .chain((a) =>
            fc.tuple(
              fc.constant(day),
              fc.constant(a),
              fc.integer({ min: 1, max: Math.min(after - a, 400) }),
            ),
          );
      });
    fc.assert(
      fc.property(dayAndTwoSteps, ([day, a, b]) => add(add(day, a), b) === add(day, a + b)),
      { numRuns: RUNS },
    );
  });

  it('counts add up: count(a, b) + count(b, c) = count(a, c)', () => {
    fc.assert(
      fc.property(anyDay, anyDay, anyDay, (a, b, c) => count(a, b) + count(b, c) === count(a, c)),
      { numRuns: RUNS },
    );
  });

  it('listWorkingDays and closedDaysBetween equal the reference over any stretch of up to 60 days', () => {
    const stretch = fc
      .integer({ min: first, max: last })
      .chain((from) =>
        fc.tuple(
          fc.constant(from),
          fc.integer({ min: Math.max(from - 5, first), max: Math.min(from + 60, last) }),
        ),
      );
    // Compared as JSON rather than with expect: toEqual would cost more than everything else here.
    const iso = Array.from({ length: last - first + 1 }, (_, i) => isoOfDay(first + i));
    fc.assert(
      fc.property(stretch, ([from, to]) => {
        const expectedListed: string[] = [];
        const expectedClosed: Array<{ date: string; name: string }> = [];
        for (let day = from; day <= to; day++) {
          const weekday = new Date(day * MS_PER_DAY).getUTCDay();
          if (oracleIsWorking(oracle, day)) expectedListed.push(iso[day - first]!);
          else if (weekday !== 0 && weekday !== 6)
            expectedClosed.push({ date: iso[day - first]!, name: oracle.names.get(day)! });
        }
        return (
          JSON.stringify(listWorkingDays(calendar, from, to)) === JSON.stringify(expectedListed) &&
          JSON.stringify(closedDaysBetween(calendar, from, to)) === JSON.stringify(expectedClosed)
        );
      }),
      { numRuns: RUNS },
    );
  });

  describe('startDayOf', () => {
    const local = localOf(calendar.zone);
    const lastWorking = oracle.workingList.at(-1)!;
    /** D0 by POLICIES.md: the local date if a working day and at or before 17:00, else the next. */
    const expectedStartDay = (ms: number): number | undefined => {
      const { day, second } = local(ms);
      return oracleIsWorking(oracle, day) && second <= CLOSE_SECOND
        ? day
        : naiveAdd(oracle, day, 1);
    };
    const nearAWallClock = (time: string): fc.Arbitrary<number> =>
      fc
        .tuple(
          fc.integer({ min: first + 1, max: lastWorking - 1 }),
          // The exact boundary and a millisecond either side would be a rare draw from the range.
          fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -1500, max: 1500 })),
        )
        .map(([day, delta]) => instantAt(day, time, calendar.zone).getTime() + delta);
    const instant = fc.oneof(
      fc.integer({
        min: instantAt(first, '00:00', calendar.zone).getTime(),
        max: instantAt(lastWorking, CLOSE_OF_BUSINESS, calendar.zone).getTime(),
      }),
      nearAWallClock(CLOSE_OF_BUSINESS),
      nearAWallClock('00:00'),
    );

    it('is a working day, never before the local date, and D0 as POLICIES.md defines it', () => {
      fc.assert(
        fc.property(instant, (ms) => {
          const result = startDayOf(calendar, new Date(ms), CLOSE_OF_BUSINESS);
          return (
            oracleIsWorking(oracle, result) &&
            result >= local(ms).day &&
            result === expectedStartDay(ms)
          );
        }),
        { numRuns: RUNS },
      );
    });
  });
});
