import type { CalendarFile } from '../calendar.schema';
import { HolidayFileError, type ImportedYear } from './imported-holidays';

export interface CalendarChange {
  date: string;
  kind: 'added' | 'removed' | 'renamed';
  name: string;
  /** the name before, for a renamed day */
  was?: string;
}

export interface CalendarImportPlan {
  /** the calendar as it will be written */
  file: CalendarFile;
  /** the years the import replaced or added */
  years: number[];
  changes: CalendarChange[];
}

/**
 * Merge a published list into a calendar: each year the list holds replaces that year (with
 * `source` as its source), years may be added at either end but must run on without gaps,
 * and closures are kept. A date whose name is unchanged keeps its own `source` (one-off days).
 */
export function planCalendarImport(
  current: CalendarFile,
  incoming: ImportedYear[],
  source: string,
): CalendarImportPlan {
  if (incoming.length === 0) throw new HolidayFileError('the file holds no holidays');
  const byYear = new Map(current.years.map((year) => [year.year, year]));
  const changes: CalendarChange[] = [];
  for (const year of incoming) {
    const before = new Map((byYear.get(year.year)?.holidays ?? []).map((h) => [h.date, h]));
    const after = new Map(year.holidays.map((h) => [h.date, h]));
    for (const [date, holiday] of after) {
      const was = before.get(date);
      if (!was) changes.push({ date, kind: 'added', name: holiday.name });
      else if (was.name !== holiday.name)
        changes.push({ date, kind: 'renamed', name: holiday.name, was: was.name });
    }
    for (const [date, holiday] of before)
      if (!after.has(date)) changes.push({ date, kind: 'removed', name: holiday.name });
    byYear.set(year.year, {
      year: year.year,
      source,
      holidays: year.holidays.map((holiday) => {
        const was = before.get(holiday.date);
        return was?.source && was.name === holiday.name
          ? { ...holiday, source: was.source }
          : holiday;
      }),
    });
  }
  const years = [...byYear.values()].sort((a, b) => a.year - b.year);
  years.forEach((year, i) => {
    const previous = years[i - 1];
    if (previous && year.year !== previous.year + 1) {
      throw new HolidayFileError(
        `the calendar would have no ${previous.year + 1} between ${previous.year} and ${year.year}: ` +
          `years must run on without gaps (import a file that holds ${previous.year + 1} too)`,
      );
    }
  });
  changes.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { file: { ...current, years }, years: incoming.map((y) => y.year), changes };
}

/** The changes as lines a person reads: `+ 2031-01-01 New Year's Day`, `- ...`, `~ ...`. */
export function describeCalendarChanges(plan: CalendarImportPlan, calendarId: string): string[] {
  if (plan.changes.length === 0)
    return [`${calendarId}: no change for ${plan.years.join(', ')} (sources updated)`];
  return [
    `${calendarId}: ${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'} for ${plan.years.join(', ')}`,
    ...plan.changes.map((change) =>
      change.kind === 'added'
        ? `  + ${change.date} ${change.name}`
        : change.kind === 'removed'
          ? `  - ${change.date} ${change.name}`
          : `  ~ ${change.date} ${change.was} -> ${change.name}`,
    ),
  ];
}
