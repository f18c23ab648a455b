import fc from 'fast-check';
import {
  dayNumberOf,
  dayNumberOfParts,
  isIsoDate,
  isoDateOf,
  isoWeekdayOf,
  isWeekend,
  type DayNumber,
  type IsoDate,
} from './local-date';

const MS_PER_DAY = 86_400_000;

/** The reference: the runtime's own proleptic-Gregorian UTC arithmetic, independent of ours. */
function utcDayNumber(year: number, month: number, day: number): DayNumber {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function utcIsoDate(dayNumber: DayNumber): IsoDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

const FIRST_1900 = utcDayNumber(1900, 1, 1);
const LAST_2200 = utcDayNumber(2200, 12, 31);

describe('dayNumberOf and isoDateOf', () => {
  // Literal numbers rather than Date.UTC, so that the table would catch the reference and the
  // code agreeing on a wrong answer.
  const table: Array<[IsoDate, DayNumber]> = [
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['1900-01-01', -25567],
    ['2000-01-01', 10957],
    ['2000-02-29', 11016],
    ['2000-03-01', 11017],
    ['2020-02-29', 18321],
    ['2020-03-01', 18322],
    ['2025-12-31', 20453],
    ['2026-01-01', 20454],
    ['2038-01-19', 24855],
    ['2100-02-28', 47540],
    ['2100-03-01', 47541],
    ['2200-12-31', 84370],
  ];

  it.each(table)('%s is day %i', (date, dayNumber) => {
    expect(dayNumberOf(date)).toBe(dayNumber);
    expect(isoDateOf(dayNumber)).toBe(date);
  });

  it('runs on without a gap over year ends and leap days', () => {
    expect(dayNumberOf('2026-01-01') - dayNumberOf('2025-12-31')).toBe(1);
    expect(dayNumberOf('2020-03-01') - dayNumberOf('2020-02-28')).toBe(2);
    expect(dayNumberOf('2100-03-01') - dayNumberOf('2100-02-28')).toBe(1);
    expect(dayNumberOf('2000-03-01') - dayNumberOf('2000-02-28')).toBe(2);
  });

  it('counts the days of a year: 365, 366 in a leap year, 365 in 2100, 366 in 2000', () => {
    const length = (year: number): number =>
      dayNumberOf(`${year + 1}-01-01`) - dayNumberOf(`${year}-01-01`);
    expect([2019, 2020, 2100, 2000, 1900].map(length)).toEqual([365, 366, 365, 366, 365]);
  });

  it('agrees with dayNumberOfParts', () => {
    expect(dayNumberOfParts(2020, 2, 29)).toBe(dayNumberOf('2020-02-29'));
    expect(dayNumberOfParts(1970, 1, 1)).toBe(0);
  });

  const badStrings: string[] = [
    '',
    '2100-02-29',
    '2019-02-29',
    '1900-02-29',
    '2020-02-30',
    '2020-04-31',
    '2020-13-01',
    '2020-00-10',
    '2020-01-00',
    '2020-01-32',
    '2020-1-01',
    '2020-01-1',
    '20-01-01',
    '20200101',
    '2020/01/01',
    ' 2020-01-01',
    '2020-01-01 ',
    '2020-01-01\n',
    '2020-01-01T00:00',
    '+2020-01-01',
    '-2020-01-01',
    'abcd-ef-gh',
    '２０２０-01-01',
  ];

  it.each(badStrings)('dayNumberOf refuses %j with a RangeError', (value) => {
    expect(() => dayNumberOf(value)).toThrow(RangeError);
    expect(() => dayNumberOf(value)).toThrow(/not a date \(yyyy-mm-dd\)/);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['1970-01-01', true],
    ['2000-02-29', true],
    ['2020-02-29', true],
    ['2024-02-29', true],
    ['2100-02-29', false],
    ['2019-02-29', false],
    ['1900-02-29', false],
    ['2020-12-31', true],
    ['2021-01-01', true],
    ['2020-04-30', true],
    ['2020-04-31', false],
    ['2020-13-01', false],
    ['2020-00-01', false],
    ['2020-01-00', false],
    ['2020-1-1', false],
    ['2020-01-01T00:00:00Z', false],
    ['', false],
  ] as Array<[string, boolean]>)('%j → %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('isoWeekdayOf and isWeekend', () => {
  it.each([
    ['1970-01-01', 4],
    ['1969-12-31', 3],
    ['1900-01-01', 1],
    ['2000-01-01', 6],
    ['2020-02-29', 6],
    ['2026-01-01', 4],
    ['2026-03-29', 7],
    ['2026-06-15', 1],
    ['2200-12-31', 3],
  ] as Array<[IsoDate, number]>)('%s is ISO weekday %i', (date, weekday) => {
    expect(isoWeekdayOf(dayNumberOf(date))).toBe(weekday);
  });

  it('calls Saturday and Sunday the weekend and nothing else', () => {
    // 2026-06-15 is a Monday.
    const monday = dayNumberOf('2026-06-15');
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => isWeekend(monday + i))).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });
});

describe('properties against Date.UTC, 1900 to 2200', () => {
  // Properties return booleans rather than calling expect: expect costs more than the code
  // under test, and fast-check still reports the shrunk counterexample.
  it('every (year, month, day) in range is a date exactly when Date.UTC keeps it, and then maps to the same day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const reference = utcDayNumber(year, month, day);
          // Date.UTC rolls an impossible day over into the next month; the date is real only
          // when the round trip gives the same string back.
          const exists = utcIsoDate(reference) === date;
          if (isIsoDate(date) !== exists) return false;
          if (!exists) return throwsRangeError(() => dayNumberOf(date));
          return dayNumberOf(date) === reference && isoDateOf(dayNumberOf(date)) === date;
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('isoDateOf(dayNumber) round-trips and matches toISOString for any day number in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_1900, max: LAST_2200 }), (dayNumber) => {
        const date = isoDateOf(dayNumber);
        return (
          date === utcIsoDate(dayNumber) &&
          isIsoDate(date) &&
          dayNumberOf(date) === dayNumber &&
          // getUTCDay: Sunday 0 ... Saturday 6; ISO: Monday 1 ... Sunday 7.
          isoWeekdayOf(dayNumber) === (new Date(dayNumber * MS_PER_DAY).getUTCDay() || 7)
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('isoDateOf matches toISOString on every single day from 1900-01-01 to 2200-12-31', () => {
    const mismatches: string[] = [];
    for (let dayNumber = FIRST_1900; dayNumber <= LAST_2200; dayNumber++) {
      const expected = utcIsoDate(dayNumber);
      const date = isoDateOf(dayNumber);
      if (date !== expected) mismatches.push(`${dayNumber}: ${date} vs ${expected}`);
    }
    // Collected rather than asserted in the loop so that a failure lists the first few days.
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});

function throwsRangeError(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch (error) {
    return error instanceof RangeError;
  }
}
