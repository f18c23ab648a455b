import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { CalendarFileSchema, type CalendarFile } from '../calendar/calendar.schema';
import { HolidayFileError } from '../calendar/import/imported-holidays';
import {
  describeCalendarChanges,
  planCalendarImport,
  type CalendarImportPlan,
} from '../calendar/import/plan-calendar-import';
import {
  GOVUK_DIVISIONS,
  readGovukBankHolidays,
} from '../calendar/import/read-govuk-bank-holidays';
import { readICalendar } from '../calendar/import/read-icalendar';
import { buildWorkingDayCalendar, type WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { PolicyLibrary } from '../library/build-policy-library';
import { parseYamlFile } from '../policy/parse-policy';

export function calendarPath(policiesDir: string, calendarId: string): string {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(calendarId))
    throw new HolidayFileError(`"${calendarId}" is not a calendar id`);
  return join(policiesDir, 'calendars', `${calendarId}.yaml`);
}

function readCalendarFile(path: string): { text: string; file: CalendarFile } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new HolidayFileError(`no calendar file ${path}`);
  }
  return { text, file: parseYamlFile(CalendarFileSchema, text, path) };
}

export interface HolidayImport {
  plan: CalendarImportPlan;
  /** what to print: the changes, and whether they were written */
  lines: string[];
}

/**
 * `npm run -s calendars -- import <calendar-id> <file> [--dry-run]`: read GOV.UK's
 * bank-holidays JSON (the division named like the calendar) or an iCalendar file, merge its
 * years into `policies/calendars/<id>.yaml` with each year's source, and write it, keeping
 * the file's comments; `dryRun` only says what would change.
 */
export function importHolidayFile(
  policiesDir: string,
  calendarId: string,
  holidayFile: string,
  options: { dryRun: boolean; today: string },
): HolidayImport {
  const path = calendarPath(policiesDir, calendarId);
  const { text, file } = readCalendarFile(path);
  let content: string;
  try {
    content = readFileSync(holidayFile, 'utf8');
  } catch {
    throw new HolidayFileError(`cannot read ${holidayFile}`);
  }
  const name = basename(holidayFile);
  const isCalendar = /\.ics$/i.test(name) || /^\s*BEGIN:VCALENDAR/i.test(content);
  let incoming;
  let source: string;
  if (isCalendar) {
    incoming = readICalendar(content);
    source = `iCalendar file ${name}, imported on ${options.today}`;
  } else {
    if (!(GOVUK_DIVISIONS as readonly string[]).includes(calendarId)) {
      throw new HolidayFileError(
        `GOV.UK's bank-holidays.json has the divisions ${GOVUK_DIVISIONS.join(', ')}; ${calendarId} is not one: import an .ics file for it`,
      );
    }
    incoming = readGovukBankHolidays(content, calendarId);
    source = `GOV.UK bank-holidays.json (${calendarId}), imported from ${name} on ${options.today}`;
  }
  const plan = planCalendarImport(file, incoming, source);
  // The result must be a calendar the service loads.
  buildWorkingDayCalendar(CalendarFileSchema.parse(plan.file));
  const lines = describeCalendarChanges(plan, calendarId);
  if (options.dryRun) lines.push('(dry run: nothing written)');
  else {
    writeFileSync(path, withYears(text, plan.file));
    lines.push(`written to ${path}`);
  }
  return { plan, lines };
}

/** The calendar file's text with its `years` replaced, its comments and the rest kept. */
function withYears(text: string, file: CalendarFile): string {
  const document = parseDocument(text);
  const years = document.createNode(file.years);
  // As the files are written by hand: one flow map per holiday, dates plain, words quoted.
  const quote = (node: unknown) => {
    if (isScalar(node)) node.type = 'QUOTE_DOUBLE';
  };
  if (isSeq(years)) {
    for (const year of years.items) {
      if (!isMap(year)) continue;
      quote(year.get('source', true));
      const holidays = year.get('holidays', true);
      if (!isSeq(holidays)) continue;
      for (const holiday of holidays.items) {
        if (!isMap(holiday)) continue;
        holiday.flow = !holiday.has('source');
        quote(holiday.get('name', true));
        quote(holiday.get('source', true));
      }
    }
  }
  document.set('years', years);
  return document.toString({ lineWidth: 0 });
}

/**
 * Read one calendar file again and put it in the library in place of the one loaded at
 * start-up, so every part of the running service counts with it from now on.
 */
export function reloadCalendar(
  library: PolicyLibrary,
  policiesDir: string,
  calendarId: string,
): { before: WorkingDayCalendar | undefined; after: WorkingDayCalendar } {
  const before = library.calendars.get(calendarId);
  if (!before) throw new HolidayFileError(`no calendar "${calendarId}" is loaded`);
  const { file } = readCalendarFile(calendarPath(policiesDir, calendarId));
  if (file.id !== calendarId)
    throw new HolidayFileError(`the file's id is "${file.id}", not "${calendarId}"`);
  const after = buildWorkingDayCalendar(file);
  // The library's map is shared by every door (casework, the scheduler, the API).
  (library.calendars as Map<string, WorkingDayCalendar>).set(calendarId, after);
  return { before, after };
}
