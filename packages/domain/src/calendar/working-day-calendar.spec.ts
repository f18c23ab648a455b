import { addWorkingDays } from './add-working-days';
import { CalendarFileSchema, type CalendarFile } from './calendar.schema';
import { closedDaysBetween, type ClosedDay } from './closed-days-between';
import { countWorkingDays } from './count-working-days';
import { isWorkingDay } from './is-working-day';
import { listWorkingDays } from './list-working-days';
import { startDayOf } from './start-day-of';
import {
  buildWorkingDayCalendar,
  OutsideCalendarError,
  type WorkingDayCalendar,
} from './working-day-calendar';
import { dayNumberOf, isoDateOf, type IsoDate } from '../time/local-date';

/**
 * A made-up calendar small enough to check by hand: 2025 and 2026 in Europe/London.
 *
 *   2025: Wed 1 Jan, Thu 25 Dec, Fri 26 Dec
 *   2026: Thu 1 Jan; Fri 3 Apr and Mon 6 Apr (Easter, with a closure on the Monday as well);
 *         Sat 9 May (a weekend holiday with no substitute); Fri 25 Dec, Mon 28 Dec
 *   closures: Wed 17 Jun, Thu 24 Dec 2026, Sat 20 Jun (a weekend closure), Mon 6 Apr
 *
 * Working days: 2025 has 261 weekdays - 3 = 258; 2026 has 261 weekdays - 5 holidays
 * - 2 weekday closures (6 Apr is already a holiday) = 254.
 */
const FIXTURE: CalendarFile = {
  id: 'testland',
  title: 'Testland (synthetic)',
  zone: 'Europe/London',
  rules: [],
  years: [
    {
      year: 2025,
      source: 'made up for the tests',
      holidays: [
        { date: '2025-01-01', name: "New Year's Day" },
        { date: '2025-12-25', name: 'Christmas Day' },
        { date: '2025-12-26', name: 'Boxing Day' },
      ],
    },
    {
      year: 2026,
      source: 'made up for the tests',
      holidays: [
        { date: '2026-01-01', name: "New Year's Day" },
        { date: '2026-04-03', name: 'Good Friday' },
        { date: '2026-04-06', name: 'Easter Monday' },
        { date: '2026-05-09', name: 'Liberation Day' },
        { date: '2026-12-25', name: 'Christmas Day' },
        { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
      ],
    },
  ],
  closures: [
    { date: '2026-06-17', reason: 'Offices closed: system migration', addedBy: 'test' },
    { date: '2026-12-24', reason: 'Offices closed: Christmas Eve', addedBy: 'test' },
    { date: '2026-06-20', reason: 'Weekend closure (changes nothing)', addedBy: 'test' },
    { date: '2026-04-06', reason: 'Closed for Easter Monday', addedBy: 'test' },
  ],
};

// Parsed rather than used as is, so that the fixture is known to be a file the schema accepts.
const calendar: WorkingDayCalendar = buildWorkingDayCalendar(CalendarFileSchema.parse(FIXTURE));

const d = dayNumberOf;

const add = (from: IsoDate, n: number): IsoDate => isoDateOf(addWorkingDays(calendar, d(from), n));
const count = (from: IsoDate, to: IsoDate): number => countWorkingDays(calendar, d(from), d(to));
const working = (date: IsoDate): boolean => isWorkingDay(calendar, d(date));
const startDay = (instant: string, close = '17:00'): IsoDate =>
  isoDateOf(startDayOf(calendar, new Date(instant), close));
const closed = (from: IsoDate, to: IsoDate): ClosedDay[] =>
  closedDaysBetween(calendar, d(from), d(to));
const list = (from: IsoDate, to: IsoDate): IsoDate[] => listWorkingDays(calendar, d(from), d(to));

describe('the index built from the fixture', () => {
  it('covers whole years, first to last', () => {
    expect([isoDateOf(calendar.firstDay), isoDateOf(calendar.lastDay)]).toEqual([
      '2025-01-01',
      '2026-12-31',
    ]);
    expect(calendar.rankBefore).toHaveLength(calendar.lastDay - calendar.firstDay + 2);
  });

  it('has 258 + 254 working days, in order', () => {
    expect(calendar.workingDays).toHaveLength(512);
    expect(calendar.rankBefore[calendar.rankBefore.length - 1]).toBe(512);
    expect(calendar.workingDays.every((day, i, all) => i === 0 || day > all[i - 1]!)).toBe(true);
  });

  it('names a day that is both a holiday and a closure by the holiday', () => {
    expect(calendar.closedDays.get(d('2026-04-06'))).toBe('Easter Monday');
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2025-01-01', false, 'first day of the calendar, a holiday'],
    ['2025-01-02', true, 'first working day of the calendar'],
    ['2025-12-24', true, 'Wednesday before Christmas'],
    ['2025-12-25', false, 'Christmas Day'],
    ['2025-12-26', false, 'Boxing Day'],
    ['2025-12-31', true, 'last day of the first year'],
    ['2026-01-01', false, "New Year's Day, Thursday"],
    ['2026-01-02', true, 'Friday'],
    ['2026-01-03', false, 'Saturday'],
    ['2026-01-04', false, 'Sunday'],
    ['2026-01-05', true, 'Monday'],
    ['2026-04-02', true, 'Thursday before Good Friday'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-06', false, 'Easter Monday (and a closure)'],
    ['2026-04-07', true, 'Tuesday after Easter'],
    ['2026-05-08', true, 'Friday before a Saturday holiday'],
    ['2026-05-09', false, 'Saturday holiday'],
    ['2026-05-11', true, 'Monday after a Saturday holiday: no substitute'],
    ['2026-06-16', true, 'Tuesday before a closure'],
    ['2026-06-17', false, 'closure'],
    ['2026-06-18', true, 'Thursday after a closure'],
    ['2026-12-24', false, 'Christmas Eve closure'],
    ['2026-12-28', false, 'substitute Boxing Day'],
    ['2026-12-31', true, 'last day of the calendar'],
  ] as Array<[IsoDate, boolean, string]>)('%s is working: %s (%s)', (date, expected) => {
    expect(working(date)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // n = 0 is the day itself, working or not
    ['2026-01-05', 0, '2026-01-05'],
    ['2026-01-03', 0, '2026-01-03'],
    ['2026-04-03', 0, '2026-04-03'],
    // ±1 within a week
    ['2026-01-05', 1, '2026-01-06'],
    ['2026-01-06', -1, '2026-01-05'],
    // over a weekend
    ['2026-01-02', 1, '2026-01-05'],
    ['2026-01-05', -1, '2026-01-02'],
    // from a Saturday or a Sunday: the Monday after, the Friday before
    ['2026-01-03', 1, '2026-01-05'],
    ['2026-01-04', 1, '2026-01-05'],
    ['2026-01-03', -1, '2026-01-02'],
    ['2026-01-04', -1, '2026-01-02'],
    ['2026-01-03', 2, '2026-01-06'],
    // over Easter (Good Friday, weekend, Easter Monday)
    ['2026-04-02', 1, '2026-04-07'],
    ['2026-04-02', 2, '2026-04-08'],
    ['2026-04-07', -1, '2026-04-02'],
    ['2026-04-08', -2, '2026-04-02'],
    // from a holiday
    ['2026-04-03', 1, '2026-04-07'],
    ['2026-04-03', -1, '2026-04-02'],
    ['2026-04-06', 1, '2026-04-07'],
    ['2026-04-06', -1, '2026-04-02'],
    ['2026-01-01', 1, '2026-01-02'],
    // over and from a closure
    ['2026-06-16', 1, '2026-06-18'],
    ['2026-06-18', -1, '2026-06-16'],
    ['2026-06-17', 1, '2026-06-18'],
    ['2026-06-17', -1, '2026-06-16'],
    // a weekend holiday takes nothing away
    ['2026-05-08', 1, '2026-05-11'],
    // over the year end and two holidays
    ['2025-12-24', 1, '2025-12-29'],
    ['2025-12-31', 1, '2026-01-02'],
    ['2026-01-02', -1, '2025-12-31'],
    ['2025-12-29', -1, '2025-12-24'],
    // whole weeks
    ['2026-01-05', 5, '2026-01-12'],
    ['2026-01-05', 10, '2026-01-19'],
    ['2026-01-19', -10, '2026-01-05'],
    // to the very edges of the calendar
    ['2026-12-30', 1, '2026-12-31'],
    ['2025-01-03', -1, '2025-01-02'],
    ['2025-01-01', 512, '2026-12-31'],
    ['2026-12-31', -511, '2025-01-02'],
  ] as Array<[IsoDate, number, IsoDate]>)('%s by %i → %s', (from, n, expected) => {
    expect(add(from, n)).toBe(expected);
  });

  it.each([1.5, -0.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses n = %p', (n) => {
    expect(() => addWorkingDays(calendar, d('2026-01-05'), n)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, d('2026-01-05'), n)).not.toThrow(OutsideCalendarError);
  });
});

describe('countWorkingDays (after `from`, up to and including `to`)', () => {
  it.each([
    ['2026-01-05', '2026-01-05', 0, 'same day'],
    ['2026-01-03', '2026-01-03', 0, 'same Saturday'],
    ['2026-01-05', '2026-01-06', 1, 'Monday to Tuesday'],
    ['2026-01-02', '2026-01-05', 1, 'Friday to Monday'],
    ['2026-01-05', '2026-01-02', -1, 'Monday back to Friday'],
    ['2026-01-02', '2026-01-03', 0, 'Friday to Saturday'],
    ['2026-01-03', '2026-01-04', 0, 'Saturday to Sunday'],
    ['2026-01-03', '2026-01-05', 1, 'Saturday to Monday'],
    ['2026-01-05', '2026-01-03', -1, 'Monday back to Saturday'],
    ['2026-04-02', '2026-04-07', 1, 'over Easter'],
    ['2026-04-07', '2026-04-02', -1, 'back over Easter'],
    ['2026-04-03', '2026-04-07', 1, 'from Good Friday'],
    ['2026-04-02', '2026-04-06', 0, 'to Easter Monday'],
    ['2026-06-16', '2026-06-18', 1, 'over a closure'],
    ['2026-01-05', '2026-01-12', 5, 'a week'],
    ['2025-12-24', '2026-01-02', 4, 'over the year end'],
    ['2026-01-02', '2025-12-24', -4, 'back over the year end'],
    ['2025-01-01', '2025-12-31', 258, 'all of 2025 but the first day, a holiday'],
    ['2025-12-31', '2026-12-31', 254, 'all of 2026'],
    ['2025-01-01', '2026-12-31', 512, 'the whole calendar'],
    ['2026-12-31', '2025-01-01', -512, 'the whole calendar backwards'],
  ] as Array<[IsoDate, IsoDate, number, string]>)('%s → %s is %i (%s)', (from, to, expected) => {
    expect(count(from, to)).toBe(expected);
  });
});

describe('startDayOf (Europe/London, close of business 17:00)', () => {
  // 2026-06-10 is a Wednesday in BST (17:00 local = 16:00Z); 2026-01-15 a Thursday in GMT.
  it.each([
    ['16:59 local on a summer working day', '2026-06-10T15:59:00Z', '2026-06-10'],
    ['17:00:00 exactly', '2026-06-10T16:00:00.000Z', '2026-06-10'],
    ['17:00:00.001', '2026-06-10T16:00:00.001Z', '2026-06-11'],
    ['17:00:01', '2026-06-10T16:00:01Z', '2026-06-11'],
    ['16:59 local on a winter working day', '2026-01-15T16:59:00Z', '2026-01-15'],
    ['17:00:00 exactly in winter', '2026-01-15T17:00:00Z', '2026-01-15'],
    ['17:00:01 in winter', '2026-01-15T17:00:01Z', '2026-01-16'],
    ['a working day at 00:00:00 local', '2026-01-15T00:00:00Z', '2026-01-15'],
    [
      'just after local midnight in summer, still the previous day in UTC',
      '2026-06-10T23:00:30Z',
      '2026-06-11',
    ],
    ['just after local midnight in winter', '2026-01-16T00:00:01Z', '2026-01-16'],
    ['a Friday at 17:30', '2026-01-09T17:30:00Z', '2026-01-12'],
    ['a Saturday morning', '2026-01-10T10:00:00Z', '2026-01-12'],
    ['a Saturday just after midnight', '2026-01-10T00:00:01Z', '2026-01-12'],
    ['a Sunday before close', '2026-01-11T12:00:00Z', '2026-01-12'],
    ['Good Friday morning', '2026-04-03T08:00:00Z', '2026-04-07'],
    ['Easter Monday before close', '2026-04-06T15:00:00Z', '2026-04-07'],
    ['the Thursday before Easter after close', '2026-04-02T16:30:00Z', '2026-04-07'],
    ['a closure day', '2026-06-17T09:00:00Z', '2026-06-18'],
    ["New Year's Day", '2026-01-01T09:00:00Z', '2026-01-02'],
    ['the Monday after the spring clock change, 17:00 BST', '2026-03-30T16:00:00Z', '2026-03-30'],
    [
      'the Monday after the spring clock change, 17:00:01 BST',
      '2026-03-30T16:00:01Z',
      '2026-03-31',
    ],
    ['the Monday after the autumn clock change, 17:00 GMT', '2026-10-26T17:00:00Z', '2026-10-26'],
    ['the last working day of the calendar before close', '2026-12-31T16:00:00Z', '2026-12-31'],
  ])('%s (%s) → %s', (_why, instant, expected) => {
    expect(startDay(instant)).toBe(expected);
  });

  it('follows another close of business', () => {
    expect(startDay('2026-01-15T16:30:00Z', '16:30')).toBe('2026-01-15');
    expect(startDay('2026-01-15T16:30:01Z', '16:30')).toBe('2026-01-16');
  });
});

describe('closedDaysBetween', () => {
  it('lists the weekday holidays and closures of a year, with names, in date order', () => {
    expect(closed('2026-01-01', '2026-12-31')).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-06-17', name: 'Offices closed: system migration' },
      { date: '2026-12-24', name: 'Offices closed: Christmas Eve' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    ]);
  });

  it('leaves out a weekend holiday and a weekend closure', () => {
    expect(closed('2026-05-01', '2026-06-30')).toEqual([
      { date: '2026-06-17', name: 'Offices closed: system migration' },
    ]);
  });

  it('includes both ends', () => {
    expect(closed('2026-04-03', '2026-04-06').map((c) => c.date)).toEqual([
      '2026-04-03',
      '2026-04-06',
    ]);
    expect(closed('2026-04-04', '2026-04-05')).toEqual([]);
  });

  it('runs over the year end', () => {
    expect(closed('2025-12-20', '2026-01-05').map((c) => c.date)).toEqual([
      '2025-12-25',
      '2025-12-26',
      '2026-01-01',
    ]);
  });

  it('is empty for a reversed range', () => {
    expect(closed('2026-12-31', '2026-01-01')).toEqual([]);
  });

  it('accounts for every weekday that is not a working day', () => {
    const weekdays2026 = 261;
    expect(closed('2026-01-01', '2026-12-31')).toHaveLength(
      weekdays2026 - count('2025-12-31', '2026-12-31'),
    );
  });
});

describe('listWorkingDays', () => {
  it.each([
    ['2026-04-01', '2026-04-08', ['2026-04-01', '2026-04-02', '2026-04-07', '2026-04-08']],
    [
      '2025-12-24',
      '2026-01-05',
      ['2025-12-24', '2025-12-29', '2025-12-30', '2025-12-31', '2026-01-02', '2026-01-05'],
    ],
    ['2026-06-15', '2026-06-21', ['2026-06-15', '2026-06-16', '2026-06-18', '2026-06-19']],
    ['2026-01-05', '2026-01-05', ['2026-01-05']],
    ['2026-01-03', '2026-01-03', []],
    ['2026-01-03', '2026-01-04', []],
    ['2026-04-03', '2026-04-06', []],
    ['2026-01-09', '2026-01-05', []],
  ] as Array<[IsoDate, IsoDate, IsoDate[]]>)('%s to %s', (from, to, expected) => {
    expect(list(from, to)).toEqual(expected);
  });

  it('lists as many days as countWorkingDays counts, first and last included', () => {
    expect(list('2025-01-01', '2026-12-31')).toHaveLength(512);
    expect(list('2026-01-01', '2026-12-31')).toHaveLength(254);
    expect(list('2026-01-02', '2026-12-31')).toHaveLength(count('2026-01-02', '2026-12-31') + 1);
  });
});

describe('OutsideCalendarError', () => {
  function errorOf(run: () => unknown): unknown {
    try {
      run();
    } catch (error) {
      return error;
    }
    return undefined;
  }

  /**
   * The message names what fell outside, the range known and the file to edit. Only the
   * direction of the hint is checked, not its wording: "add the next year" is the right advice
   * past the end and the wrong advice before the start.
   */
  function expectOutside(error: unknown, what: string, side: 'before' | 'after'): void {
    expect(error).toBeInstanceOf(OutsideCalendarError);
    expect(error).toBeInstanceOf(RangeError);
    const { name, message } = error as OutsideCalendarError;
    expect(name).toBe('OutsideCalendarError');
    expect(
      message.startsWith(
        `${what} is outside the testland calendar, which knows the holidays from 2025-01-01 to 2026-12-31`,
      ),
    ).toBe(true);
    expect(message).toContain('policies/calendars/testland.yaml');
    if (side === 'after') expect(message).toMatch(/next year/);
    else expect(message).not.toMatch(/next year/);
  }

  it.each([
    ['2024-12-31', 'before'],
    ['1970-01-01', 'before'],
    ['2027-01-01', 'after'],
    ['2100-06-01', 'after'],
  ] as Array<[IsoDate, 'before' | 'after']>)(
    'is thrown by isWorkingDay for %s (%s the calendar)',
    (date, side) => {
      expectOutside(
        errorOf(() => working(date)),
        date,
        side,
      );
    },
  );

  it('is not thrown on the first and last days', () => {
    expect(() => working('2025-01-01')).not.toThrow();
    expect(() => working('2026-12-31')).not.toThrow();
  });

  it.each([
    ['2026-12-31', 1, 'after'],
    ['2026-12-30', 2, 'after'],
    ['2026-12-24', 5, 'after'],
    ['2025-01-01', 513, 'after'],
    ['2025-01-02', -1, 'before'],
    ['2025-01-01', -1, 'before'],
    ['2026-12-31', -512, 'before'],
  ] as Array<[IsoDate, number, 'before' | 'after']>)(
    'is thrown when adding %i working days to %s runs %s the calendar',
    (from, n, side) => {
      expectOutside(
        errorOf(() => add(from, n)),
        `a working day counted from ${from}`,
        side,
      );
    },
  );

  it.each([
    ['2024-12-31', 1, 'before'],
    ['2024-12-31', -1, 'before'],
    ['2027-01-01', -1, 'after'],
    ['2027-01-04', 1, 'after'],
  ] as Array<[IsoDate, number, 'before' | 'after']>)(
    'is thrown when adding from %s (by %i), %s the calendar',
    (from, n, side) => {
      expectOutside(
        errorOf(() => add(from, n)),
        from,
        side,
      );
    },
  );

  it('is thrown by countWorkingDays, closedDaysBetween and listWorkingDays when either end is outside', () => {
    for (const [from, to] of [
      ['2024-12-31', '2025-06-01'],
      ['2025-06-01', '2027-01-01'],
    ] as Array<[IsoDate, IsoDate]>) {
      expect(() => count(from, to)).toThrow(OutsideCalendarError);
      expect(() => count(to, from)).toThrow(OutsideCalendarError);
      expect(() => closed(from, to)).toThrow(OutsideCalendarError);
      expect(() => list(from, to)).toThrow(OutsideCalendarError);
    }
  });

  it('is thrown by startDayOf for an instant outside, and after close on the last working day', () => {
    expectOutside(
      errorOf(() => startDay('2024-12-31T12:00:00Z')),
      '2024-12-31',
      'before',
    );
    expectOutside(
      errorOf(() => startDay('2027-01-04T09:00:00Z')),
      '2027-01-04',
      'after',
    );
    // BST is over by December: 17:00:01 local is 17:00:01Z, and the next working day is in 2027.
    expectOutside(
      errorOf(() => startDay('2026-12-31T17:00:01Z')),
      'a working day counted from 2026-12-31',
      'after',
    );
  });
});
