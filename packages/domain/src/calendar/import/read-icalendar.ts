import { isIsoDate, dayNumberOf, isoDateOf } from '../../time/local-date';
import { byYear, HolidayFileError, type ImportedYear } from './imported-holidays';

/**
 * The all-day events of an iCalendar file (RFC 5545), as published for Guernsey's and
 * Alderney's public holidays: each VEVENT's DTSTART date and SUMMARY, and every day up to
 * its DTEND (exclusive) when it spans several.
 */
export function readICalendar(text: string): ImportedYear[] {
  // Content lines may be folded: a line starting with a space or tab continues the last.
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
  if (!lines.some((line) => line.trim().toUpperCase() === 'BEGIN:VCALENDAR')) {
    throw new HolidayFileError('not an iCalendar file: no BEGIN:VCALENDAR');
  }
  const holidays: { date: string; name: string }[] = [];
  let event: { start?: string; end?: string; summary?: string } | null = null;
  lines.forEach((line, i) => {
    const colon = line.indexOf(':');
    if (colon < 0) return;
    const name = line.slice(0, colon).split(';')[0]!.toUpperCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'BEGIN' && value.toUpperCase() === 'VEVENT') event = {};
    else if (name === 'END' && value.toUpperCase() === 'VEVENT') {
      const done: { start?: string; end?: string; summary?: string } = event ?? {};
      event = null;
      if (!done.start || !done.summary)
        throw new HolidayFileError(`the event ending on line ${i + 1} has no DTSTART or SUMMARY`);
      const first = dayNumberOf(done.start);
      const last = done.end ? dayNumberOf(done.end) - 1 : first;
      for (let day = first; day <= Math.max(first, last); day++)
        holidays.push({ date: isoDateOf(day), name: done.summary });
    } else if (event && name === 'DTSTART') event.start = dateOf(value, i);
    else if (event && name === 'DTEND') event.end = dateOf(value, i);
    else if (event && name === 'SUMMARY') event.summary = unescape(value);
  });
  if (holidays.length === 0) throw new HolidayFileError('no events in the iCalendar file');
  return byYear(holidays);
}

function dateOf(value: string, i: number): string {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(value);
  const date = match ? `${match[1]}-${match[2]}-${match[3]}` : '';
  if (!isIsoDate(date)) throw new HolidayFileError(`line ${i + 1}: "${value}" is not a date`);
  return date;
}

function unescape(value: string): string {
  return value
    .replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c))
    .trim();
}
