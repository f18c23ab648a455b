/**
 * The calendar data in `policies/calendars/*.yaml`: it parses, it is internally consistent, and
 * it agrees with the npm package `date-holidays` on every weekday except the differences listed
 * in KNOWN_DIFFERENCES below, each with the reason ours is right.
 *
 * "research" = the calendar research notes (shared/research/calendars.md) the data was written
 * from; §n and the labels S1, G1, A1, D1 … are its sections and sources.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Holidays from 'date-holidays';
import { CalendarFileSchema, type CalendarFile } from '../src/calendar/calendar.schema';
import { parseYamlFile } from '../src/policy/parse-policy';
import {
  dayNumberOf,
  dayNumberOfParts,
  isoDateOf,
  isoWeekdayOf,
  isWeekend,
  type IsoDate,
} from '../src/time/local-date';

const CALENDAR_IDS = [
  'england-and-wales',
  'scotland',
  'northern-ireland',
  'guernsey',
  'alderney',
] as const;
type CalendarId = (typeof CALENDAR_IDS)[number];

const FIRST_YEAR = 2018;
const LAST_YEAR = 2030;
const YEARS: readonly number[] = Array.from(
  { length: LAST_YEAR - FIRST_YEAR + 1 },
  (_, i) => FIRST_YEAR + i,
);

type DayKind = 'holiday' | 'working day';

/** A weekday on which our data and date-holidays disagree. */
interface KnownDifference {
  calendar: CalendarId;
  date: IsoDate;
  /** what the day is in our data; date-holidays says the opposite */
  ours: DayKind;
  /** why ours is right, citing the research */
  reason: string;
}

// ---------------------------------------------------------------------------------------------
// date-holidays as the reference
// ---------------------------------------------------------------------------------------------

/**
 * How date-holidays 3.37 names each calendar. GB-ALD is its Alderney (a state of GB, not of GG).
 * Only type `public` is used: GB.yaml and GG.yaml declare every GOV.UK bank holiday (and
 * Liberation Day, Homecoming Day) without a type, i.e. the default `public`; their only other
 * days are `observance` (Mother's Day, Easter Sunday, Father's Day), and they declare no `bank`
 * days. A test below keeps that assumption honest.
 */
const REFERENCE: Record<CalendarId, { label: string; create: () => Holidays }> = {
  'england-and-wales': {
    label: "date-holidays ('GB', 'ENG')",
    create: () => new Holidays('GB', 'ENG'),
  },
  // Scotland and Northern Ireland: no difference on any weekday 2018-2030.
  scotland: { label: "date-holidays ('GB', 'SCT')", create: () => new Holidays('GB', 'SCT') },
  'northern-ireland': {
    label: "date-holidays ('GB', 'NIR')",
    create: () => new Holidays('GB', 'NIR'),
  },
  guernsey: { label: "date-holidays ('GG')", create: () => new Holidays('GG') },
  alderney: { label: "date-holidays ('GB', 'ALD')", create: () => new Holidays('GB', 'ALD') },
};

const referenceCache = new Map<CalendarId, Holidays>();
function reference(calendar: CalendarId): Holidays {
  let holidays = referenceCache.get(calendar);
  if (!holidays) {
    holidays = REFERENCE[calendar].create();
    referenceCache.set(calendar, holidays);
  }
  return holidays;
}

/**
 * date-holidays' `date` is the local date and time as text, 'YYYY-MM-DD hh:mm:ss' (with an offset
 * only when a time zone is set): take the date part as it is. (Its `start` is a Date at local
 * midnight, which in British Summer Time is 23:00 UTC the day before: no UTC conversions.)
 */
function localDateOf(dateTime: string): IsoDate {
  const match = /^(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}/.exec(dateTime);
  if (!match?.[1]) throw new Error(`unexpected date-holidays date ${JSON.stringify(dateTime)}`);
  return match[1];
}

function referenceWeekdayHolidays(calendar: CalendarId, year: number): Set<IsoDate> {
  const dates = new Set<IsoDate>();
  for (const holiday of reference(calendar).getHolidays(year)) {
    if (holiday.type !== 'public') continue;
    const date = localDateOf(holiday.date);
    if (!isWeekend(dayNumberOf(date))) dates.add(date);
  }
  return dates;
}

// ---------------------------------------------------------------------------------------------
// our data
// ---------------------------------------------------------------------------------------------

function calendarPath(calendar: CalendarId): string {
  return join(__dirname, '../../../policies/calendars', `${calendar}.yaml`);
}

const calendarCache = new Map<CalendarId, CalendarFile>();
function readCalendar(calendar: CalendarId): CalendarFile {
  let parsed = calendarCache.get(calendar);
  if (!parsed) {
    const file = calendarPath(calendar);
    parsed = parseYamlFile(CalendarFileSchema, readFileSync(file, 'utf8'), file);
    calendarCache.set(calendar, parsed);
  }
  return parsed;
}

type CalendarYear = CalendarFile['years'][number];

function yearOf(calendar: CalendarId, year: number): CalendarYear {
  const entry = readCalendar(calendar).years.find((y) => y.year === year);
  if (!entry) throw new Error(`${calendar}.yaml has no year ${year}`);
  return entry;
}

function ourWeekdayHolidays(calendar: CalendarId, year: number): Set<IsoDate> {
  return new Set(
    yearOf(calendar, year)
      .holidays.map((h) => h.date)
      .filter((date) => !isWeekend(dayNumberOf(date))),
  );
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[isoWeekdayOf(dayNumberOf(date)) - 1] ?? '?';
}

// ---------------------------------------------------------------------------------------------
// the differences, each with the reason ours is right
// ---------------------------------------------------------------------------------------------

const GG_SUMMER =
  "date-holidays GG.yaml inherits only GB's top-level days (`_days: [GB]`) and GB.yaml defines the Summer bank holiday only under the states ENG/NIR/WLS, so GG lacks it in every year; Guernsey keeps the last Monday of August (research R2, §5: G9, G10, D1; python-holidays (G11) and jollyday (G12, issue #340) agree with us; date-holidays fixed the same omission for Jersey only, D2 PR #609)";
const GG_KINGS_VISIT =
  "one-off public holiday for the visit of King Charles III and Queen Camilla, decided by Guernsey's Committee for Economic Development (research §2, R5, G8); date-holidays has no entry for it (research §5; python-holidays agrees with us)";
const ALD_SUMMER =
  "date-holidays models Alderney as GB-ALD (GB's top-level days + 12-15), so it has no Summer bank holiday at all; Alderney's is the first Monday of August (research §3, R4: G9, A3 - secondary sources, the weakest point of the Alderney data, §6.4)";
const ALD_HOMECOMING_MONDAY =
  "15 Dec falls on a weekend: the States of Alderney press release A1 makes 'the preceding Monday' the public holiday (research §3, R4); date-holidays has a fixed 12-15 with no weekend rule, i.e. no weekday holiday (research §5) [A1's wording is UNCERTAIN, research §6.4]";
const ALD_KINGS_VISIT =
  "one-off public holiday for the King's visit, agreed for Alderney by its Policy & Finance Committee (research §3, G8); date-holidays GB-ALD has no entry for it (research §5)";

const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  // england-and-wales: none. date-holidays GB-ENG equals GOV.UK (S1/S2) and rule R1 on weekdays.

  // guernsey
  { calendar: 'guernsey', date: '2018-08-27', ours: 'holiday', reason: GG_SUMMER },
  { calendar: 'guernsey', date: '2019-08-26', ours: 'holiday', reason: GG_SUMMER },
  { calendar: 'guernsey', date: '2020-08-31', ours: 'holiday', reason: GG_SUMMER },
  { calendar: 'guernsey', date: '2021-08-30', ours: 'holiday', reason: GG_SUMMER },
  { calendar: 'guernsey', date: '2022-08-29', ours: 'holiday', reason: GG_SUMMER },
  { calendar: 'guernsey', date: '2023-08-28', ours: 'holiday', reason: GG_SUMMER },
  { calendar: 'guernsey', date: '2024-07-16', ours: 'holiday', reason: GG_KINGS_VISIT },
  { calendar: 'guernsey', date: '2024-08-26', ours: 'holiday', reason: GG_SUMMER },
  { calendar: 'guernsey', date: '2025-08-25', ours: 'holiday', reason: GG_SUMMER },
  { calendar: 'guernsey', date: '2026-08-31', ours: 'holiday', reason: GG_SUMMER },
  { calendar: 'guernsey', date: '2027-08-30', ours: 'holiday', reason: GG_SUMMER },
  { calendar: 'guernsey', date: '2028-08-28', ours: 'holiday', reason: GG_SUMMER },
  { calendar: 'guernsey', date: '2029-08-27', ours: 'holiday', reason: GG_SUMMER },
  { calendar: 'guernsey', date: '2030-08-26', ours: 'holiday', reason: GG_SUMMER },

  // alderney
  { calendar: 'alderney', date: '2018-08-06', ours: 'holiday', reason: ALD_SUMMER },
  { calendar: 'alderney', date: '2018-12-10', ours: 'holiday', reason: ALD_HOMECOMING_MONDAY },
  { calendar: 'alderney', date: '2019-08-05', ours: 'holiday', reason: ALD_SUMMER },
  { calendar: 'alderney', date: '2019-12-09', ours: 'holiday', reason: ALD_HOMECOMING_MONDAY },
  { calendar: 'alderney', date: '2020-08-03', ours: 'holiday', reason: ALD_SUMMER },
  { calendar: 'alderney', date: '2021-08-02', ours: 'holiday', reason: ALD_SUMMER },
  { calendar: 'alderney', date: '2022-08-01', ours: 'holiday', reason: ALD_SUMMER },
  { calendar: 'alderney', date: '2023-08-07', ours: 'holiday', reason: ALD_SUMMER },
  { calendar: 'alderney', date: '2024-07-16', ours: 'holiday', reason: ALD_KINGS_VISIT },
  { calendar: 'alderney', date: '2024-08-05', ours: 'holiday', reason: ALD_SUMMER },
  { calendar: 'alderney', date: '2024-12-09', ours: 'holiday', reason: ALD_HOMECOMING_MONDAY },
  { calendar: 'alderney', date: '2025-08-04', ours: 'holiday', reason: ALD_SUMMER },
  { calendar: 'alderney', date: '2026-08-03', ours: 'holiday', reason: ALD_SUMMER },
  { calendar: 'alderney', date: '2027-08-02', ours: 'holiday', reason: ALD_SUMMER },
  { calendar: 'alderney', date: '2028-08-07', ours: 'holiday', reason: ALD_SUMMER },
  { calendar: 'alderney', date: '2029-08-06', ours: 'holiday', reason: ALD_SUMMER },
  { calendar: 'alderney', date: '2029-12-10', ours: 'holiday', reason: ALD_HOMECOMING_MONDAY },
  { calendar: 'alderney', date: '2030-08-05', ours: 'holiday', reason: ALD_SUMMER },
  { calendar: 'alderney', date: '2030-12-09', ours: 'holiday', reason: ALD_HOMECOMING_MONDAY },
];

function listedDifferences(calendar: CalendarId, year: number): KnownDifference[] {
  return KNOWN_DIFFERENCES.filter((d) => d.calendar === calendar && d.date.startsWith(`${year}-`));
}

function actualDifferences(calendar: CalendarId, year: number): KnownDifference[] {
  const ours = ourWeekdayHolidays(calendar, year);
  const theirs = referenceWeekdayHolidays(calendar, year);
  const dates = [...new Set([...ours, ...theirs])].filter((d) => ours.has(d) !== theirs.has(d));
  return dates.sort().map((date) => ({
    calendar,
    date,
    ours: ours.has(date) ? 'holiday' : 'working day',
    reason: '',
  }));
}

function formatDifference(d: KnownDifference): string {
  const theirs: DayKind = d.ours === 'holiday' ? 'working day' : 'holiday';
  return `${d.calendar} ${d.date} (${weekdayName(d.date)}): ours ${d.ours}, ${REFERENCE[d.calendar].label} ${theirs}`;
}

const sameDifference = (a: KnownDifference, b: KnownDifference): boolean =>
  a.calendar === b.calendar && a.date === b.date && a.ours === b.ours;

/**
 * Weekday holidays (incl. substitute days) per year. England and Wales: the eight bank holidays;
 * 2020 only moved a day (4 May → 8 May); 2022 +2 (3 June Jubilee, 19 Sep State Funeral; 30 May
 * moved to 2 June); 2023 +1 (8 May Coronation). Guernsey: those eight + Liberation Day when 9 May
 * is a weekday (not 2020, 2021, 2026, 2027: no substitute, R3) + 2024-07-16. Alderney: eight +
 * Homecoming Day (always a weekday, moved to a Monday when 15 Dec is a weekend), no Liberation Day.
 */
const EXPECTED_WEEKDAY_HOLIDAYS: Record<
  CalendarId,
  { usual: number; exceptions: Partial<Record<number, number>> }
> = {
  'england-and-wales': { usual: 8, exceptions: { 2022: 10, 2023: 9 } },
  // + 2nd January and St Andrew's Day, no Easter Monday (GOV.UK scotland)
  scotland: { usual: 9, exceptions: { 2022: 11, 2023: 10 } },
  // + St Patrick's Day and the Battle of the Boyne (GOV.UK northern-ireland)
  'northern-ireland': { usual: 10, exceptions: { 2022: 12, 2023: 11 } },
  guernsey: {
    usual: 9,
    exceptions: { 2020: 8, 2021: 8, 2022: 11, 2023: 10, 2024: 10, 2026: 8, 2027: 8 },
  },
  alderney: { usual: 9, exceptions: { 2022: 11, 2023: 10, 2024: 10 } },
};

/** Easter Sunday as a day number: the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumberOfParts(year, month, day);
}

// ---------------------------------------------------------------------------------------------
// tests
// ---------------------------------------------------------------------------------------------

describe.each(CALENDAR_IDS)('policies/calendars/%s.yaml', (calendar) => {
  test('parses with CalendarFileSchema and covers 2018..2030, one entry per year in order', () => {
    const parsed = readCalendar(calendar);
    expect(parsed.id).toBe(calendar);
    expect(parsed.zone).toBe(
      calendar === 'guernsey' || calendar === 'alderney' ? 'Europe/Guernsey' : 'Europe/London',
    );
    expect(parsed.years.map((y) => y.year)).toEqual(YEARS);
    expect(parsed.closures).toEqual([]);
    for (const entry of parsed.years) {
      const dates = entry.holidays.map((h) => h.date);
      expect(dates).toEqual([...dates].sort());
    }
  });

  test('every listed holiday date falls in its year', () => {
    const misplaced = readCalendar(calendar).years.flatMap((entry) =>
      entry.holidays
        .filter((h) => !h.date.startsWith(`${entry.year}-`))
        .map((h) => `${h.date} ${h.name} (listed under ${entry.year})`),
    );
    expect(misplaced).toEqual([]);
  });

  test('no weekday holiday is listed twice', () => {
    const weekdayDates = readCalendar(calendar)
      .years.flatMap((entry) => entry.holidays.map((h) => h.date))
      .filter((date) => !isWeekend(dayNumberOf(date)));
    const duplicated = weekdayDates.filter((date, i) => weekdayDates.indexOf(date) !== i);
    expect(duplicated).toEqual([]);
  });

  test('only Guernsey Liberation Day (9 May, no substitute: research R3) is listed on a weekend', () => {
    const weekend = readCalendar(calendar).years.flatMap((entry) =>
      entry.holidays
        .filter((h) => isWeekend(dayNumberOf(h.date)))
        .map((h) => `${h.date} ${h.name}`),
    );
    const allowed =
      calendar === 'guernsey'
        ? weekend.filter((line) => /^\d{4}-05-09 Liberation Day/.test(line))
        : [];
    expect(weekend).toEqual(allowed);
  });

  test('Good Friday and Easter Monday follow Easter Sunday by the Gregorian computus', () => {
    const wrong: string[] = [];
    for (const entry of readCalendar(calendar).years) {
      const easter = easterSunday(entry.year);
      // Scotland has no Easter Monday bank holiday (GOV.UK scotland).
      const expected = [
        { name: 'Good Friday', date: isoDateOf(easter - 2) },
        ...(calendar === 'scotland'
          ? []
          : [{ name: 'Easter Monday', date: isoDateOf(easter + 1) }]),
      ];
      for (const { name, date } of expected) {
        const listed = entry.holidays.filter((h) => h.name === name).map((h) => h.date);
        if (listed.length !== 1 || listed[0] !== date) {
          wrong.push(
            `${entry.year} ${name}: listed ${listed.join(', ') || 'nothing'}, expected ${date}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  test('each year has the expected number of weekday holidays (research §1-§3)', () => {
    const counts = Object.fromEntries(
      YEARS.map((year) => [year, ourWeekdayHolidays(calendar, year).size]),
    );
    const expected = Object.fromEntries(
      YEARS.map((year) => [
        year,
        EXPECTED_WEEKDAY_HOLIDAYS[calendar].exceptions[year] ??
          EXPECTED_WEEKDAY_HOLIDAYS[calendar].usual,
      ]),
    );
    expect(counts).toEqual(expected);
  });
});

describe('cross-check against date-holidays 3.37 (weekdays only)', () => {
  test('the computus gives the Easter Sundays the derived years use (2029-04-01, 2030-04-21)', () => {
    expect(isoDateOf(easterSunday(2029))).toBe('2029-04-01');
    expect(isoDateOf(easterSunday(2030))).toBe('2030-04-21');
    expect(isoDateOf(easterSunday(2024))).toBe('2024-03-31');
  });

  test('date-holidays gives these calendars only `public` and `observance` days (so `public` is the GOV.UK set)', () => {
    const types = new Set(
      CALENDAR_IDS.flatMap((calendar) =>
        YEARS.flatMap((year) =>
          reference(calendar)
            .getHolidays(year)
            .map((h) => h.type),
        ),
      ),
    );
    expect([...types].sort()).toEqual(['observance', 'public']);
  });

  test('the difference table is well-formed: weekdays in range, no duplicates, a reason citing the research', () => {
    const problems = KNOWN_DIFFERENCES.flatMap((d, i) => {
      const out: string[] = [];
      const year = Number(d.date.slice(0, 4));
      if (year < FIRST_YEAR || year > LAST_YEAR)
        out.push(`${formatDifference(d)}: year out of range`);
      if (isWeekend(dayNumberOf(d.date)))
        out.push(`${formatDifference(d)}: a weekend never differs`);
      if (KNOWN_DIFFERENCES.findIndex((other) => sameDifference(other, d)) !== i) {
        out.push(`${formatDifference(d)}: listed twice`);
      }
      if (!/research/.test(d.reason))
        out.push(`${formatDifference(d)}: the reason must cite the research`);
      return out;
    });
    expect(problems).toEqual([]);
  });

  const cases = CALENDAR_IDS.flatMap((calendar) =>
    YEARS.map((year) => {
      const listed = listedDifferences(calendar, year);
      return {
        calendar,
        year,
        listed:
          listed.length === 0
            ? 'no differences'
            : `listed: ${listed.map((d) => `${d.date} ours ${d.ours}`).join('; ')}`,
      };
    }),
  );

  test.each(cases)('$calendar $year: $listed', ({ calendar, year }) => {
    const actual = actualDifferences(calendar, year);
    const listed = listedDifferences(calendar, year);
    const unlisted = actual
      .filter((d) => !listed.some((l) => sameDifference(l, d)))
      .map((d) => `NOT LISTED in KNOWN_DIFFERENCES: ${formatDifference(d)}`);
    const stale = listed
      .filter((l) => !actual.some((d) => sameDifference(l, d)))
      .map(
        (l) => `LISTED BUT NO LONGER OCCURS: ${formatDifference(l)} (listed because: ${l.reason})`,
      );
    expect([...unlisted, ...stale]).toEqual([]);
  });
});
