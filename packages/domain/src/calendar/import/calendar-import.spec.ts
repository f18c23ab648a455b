import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planCalendarImport, describeCalendarChanges } from './plan-calendar-import';
import { readGovukBankHolidays } from './read-govuk-bank-holidays';
import { readICalendar } from './read-icalendar';
import { HolidayFileError } from './imported-holidays';
import type { CalendarFile } from '../calendar.schema';
import { importHolidayFile, reloadCalendar } from '../../files/calendar-files';
import { readPolicyLibrary } from '../../files/read-policy-library';
import { isoDateOf } from '../../time/local-date';
import { POLICIES_DIR } from '../../../test/support/policy-library';

/** GOV.UK's format (https://www.gov.uk/bank-holidays.json), 2031 derived by rule R1. */
export function govukFeedWith2031(): string {
  const event = (title: string, date: string, notes = '') => ({
    title,
    date,
    notes,
    bunting: true,
  });
  return JSON.stringify({
    'england-and-wales': {
      division: 'england-and-wales',
      events: [
        event('New Year’s Day', '2031-01-01'),
        event('Good Friday', '2031-04-11'),
        event('Easter Monday', '2031-04-14'),
        event('Early May bank holiday', '2031-05-05'),
        event('Spring bank holiday', '2031-05-26'),
        event('Summer bank holiday', '2031-08-25'),
        event('Christmas Day', '2031-12-25'),
        event('Boxing Day', '2031-12-26'),
      ],
    },
    scotland: { division: 'scotland', events: [event('2nd January', '2031-01-02')] },
    'northern-ireland': { division: 'northern-ireland', events: [] },
  });
}

describe("readGovukBankHolidays: GOV.UK's bank-holidays.json", () => {
  test('one division, by year, "Substitute day" appended as the calendar files have it', () => {
    const text = JSON.stringify({
      scotland: {
        division: 'scotland',
        events: [
          { title: 'Boxing Day', date: '2032-12-27', notes: 'Substitute day', bunting: true },
          { title: 'New Year’s Day', date: '2031-01-01', notes: '', bunting: true },
        ],
      },
    });
    expect(readGovukBankHolidays(text, 'scotland')).toEqual([
      { year: 2031, holidays: [{ date: '2031-01-01', name: 'New Year’s Day' }] },
      { year: 2032, holidays: [{ date: '2032-12-27', name: 'Boxing Day (Substitute day)' }] },
    ]);
  });

  test.each([
    ['{"oops"', 'not JSON'],
    [
      '{"scotland": {"division": "scotland", "events": [{"title": "X", "date": "2031-02-30"}]}}',
      'expected a date',
    ],
    [
      '{"scotland": {"division": "scotland", "events": []}}',
      'no division "england-and-wales" in the file (it has scotland)',
    ],
  ])('refuses %s', (text, message) => {
    expect(() => readGovukBankHolidays(text, 'england-and-wales')).toThrow(HolidayFileError);
    expect(() => readGovukBankHolidays(text, 'england-and-wales')).toThrow(message);
  });
});

describe('readICalendar: .ics lists (Guernsey, Alderney)', () => {
  test('all-day events, folded lines, escapes and a two-day event', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20310509',
      'DTEND;VALUE=DATE:20310510',
      'SUMMARY:Liberation',
      '  Day',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20311225',
      'DTEND;VALUE=DATE:20311227',
      'SUMMARY:Christmas\\, Boxing Day',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(readICalendar(ics)).toEqual([
      {
        year: 2031,
        holidays: [
          { date: '2031-05-09', name: 'Liberation Day' },
          { date: '2031-12-25', name: 'Christmas, Boxing Day' },
          { date: '2031-12-26', name: 'Christmas, Boxing Day' },
        ],
      },
    ]);
  });

  test('refuses a file that is not iCalendar', () => {
    expect(() => readICalendar('hello')).toThrow('not an iCalendar file');
  });
});

describe('planCalendarImport', () => {
  const current: CalendarFile = {
    id: 'test',
    title: 'Test',
    zone: 'Europe/London',
    rules: [],
    closures: [],
    years: [
      {
        year: 2030,
        source: 'derived by rule',
        holidays: [
          { date: '2030-01-01', name: 'New Year’s Day' },
          { date: '2030-05-06', name: 'Early May bank holiday', source: 'one-off' },
          { date: '2030-08-26', name: 'Summer' },
        ],
      },
    ],
  };

  test('replaces the years the file holds and adds the next, listing added, removed and renamed days', () => {
    const plan = planCalendarImport(
      current,
      [
        {
          year: 2030,
          holidays: [
            { date: '2030-01-01', name: 'New Year’s Day' },
            { date: '2030-05-06', name: 'Early May bank holiday' },
            { date: '2030-08-26', name: 'Summer bank holiday' },
            { date: '2030-09-02', name: 'One-off' },
          ],
        },
        { year: 2031, holidays: [{ date: '2031-01-01', name: 'New Year’s Day' }] },
      ],
      'GOV.UK',
    );
    expect(plan.changes).toEqual([
      { date: '2030-08-26', kind: 'renamed', name: 'Summer bank holiday', was: 'Summer' },
      { date: '2030-09-02', kind: 'added', name: 'One-off' },
      { date: '2031-01-01', kind: 'added', name: 'New Year’s Day' },
    ]);
    expect(plan.file.years.map((y) => [y.year, y.source])).toEqual([
      [2030, 'GOV.UK'],
      [2031, 'GOV.UK'],
    ]);
    // an unchanged one-off day keeps its own source
    expect(plan.file.years[0]!.holidays[1]).toEqual({
      date: '2030-05-06',
      name: 'Early May bank holiday',
      source: 'one-off',
    });
    expect(describeCalendarChanges(plan, 'test')).toEqual([
      'test: 3 changes for 2030, 2031',
      '  ~ 2030-08-26 Summer -> Summer bank holiday',
      '  + 2030-09-02 One-off',
      '  + 2031-01-01 New Year’s Day',
    ]);
  });

  test('a removed day is listed', () => {
    const plan = planCalendarImport(
      current,
      [{ year: 2030, holidays: [{ date: '2030-01-01', name: 'New Year’s Day' }] }],
      'x',
    );
    expect(plan.changes.map((c) => `${c.kind} ${c.date}`)).toEqual([
      'removed 2030-05-06',
      'removed 2030-08-26',
    ]);
  });

  test('refuses a year that would leave a gap', () => {
    expect(() => planCalendarImport(current, [{ year: 2032, holidays: [] }], 'x')).toThrow(
      'the calendar would have no 2031 between 2030 and 2032',
    );
  });
});

describe('importHolidayFile and reloadCalendar (a copy of policies/)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'calendars-'));
    cpSync(POLICIES_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('--dry-run prints the difference and writes nothing', () => {
    const feed = join(dir, 'bank-holidays.json');
    writeFileSync(feed, govukFeedWith2031());
    const before = readFileSync(join(dir, 'calendars/england-and-wales.yaml'), 'utf8');
    const { lines } = importHolidayFile(dir, 'england-and-wales', feed, {
      dryRun: true,
      today: '2030-12-24',
    });
    expect(lines[0]).toBe('england-and-wales: 8 changes for 2031');
    expect(lines).toContain('  + 2031-01-01 New Year’s Day');
    expect(lines.at(-1)).toBe('(dry run: nothing written)');
    expect(readFileSync(join(dir, 'calendars/england-and-wales.yaml'), 'utf8')).toBe(before);
  });

  test("writes 2031 with its source, keeps the file's comments, and a reload takes it up", () => {
    const feed = join(dir, 'bank-holidays.json');
    writeFileSync(feed, govukFeedWith2031());
    const library = readPolicyLibrary(dir);
    importHolidayFile(dir, 'england-and-wales', feed, { dryRun: false, today: '2030-12-24' });
    const written = readFileSync(join(dir, 'calendars/england-and-wales.yaml'), 'utf8');
    expect(written).toMatch(/^# England and Wales bank holidays/);
    expect(written).toContain(
      'source: "GOV.UK bank-holidays.json (england-and-wales), imported from bank-holidays.json on 2030-12-24"',
    );
    expect(written).toContain('- { date: 2031-12-26, name: "Boxing Day" }');
    const { before, after } = reloadCalendar(library, dir, 'england-and-wales');
    expect(isoDateOf(before!.lastDay)).toBe('2030-12-31');
    expect(isoDateOf(after.lastDay)).toBe('2031-12-31');
    expect(library.calendars.get('england-and-wales')).toBe(after);
    // and the whole library still loads from the written files
    expect(isoDateOf(readPolicyLibrary(dir).calendars.get('england-and-wales')!.lastDay)).toBe(
      '2031-12-31',
    );
  });

  test('a GOV.UK file for a calendar that is not a GOV.UK division is refused', () => {
    const feed = join(dir, 'bank-holidays.json');
    writeFileSync(feed, govukFeedWith2031());
    expect(() =>
      importHolidayFile(dir, 'alderney', feed, { dryRun: true, today: '2030-12-24' }),
    ).toThrow('alderney is not one: import an .ics file for it');
  });
});
