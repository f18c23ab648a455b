import { z } from 'zod';
import { isIsoDate } from '../../time/local-date';
import { byYear, HolidayFileError, type ImportedYear } from './imported-holidays';

/** GOV.UK's bank-holidays feed (https://www.gov.uk/bank-holidays.json). */
export const GOVUK_DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;

const FeedSchema = z.record(
  z.string(),
  z.object({
    division: z.string(),
    events: z.array(
      z.object({
        title: z.string().trim().min(1),
        date: z.string().refine(isIsoDate, 'expected a date yyyy-mm-dd'),
        notes: z.string().default(''),
      }),
    ),
  }),
);

/**
 * One division of GOV.UK's bank-holidays JSON, by year. Titles are kept verbatim; GOV.UK's
 * note "Substitute day" is appended as " (Substitute day)", as the calendar files have it.
 */
export function readGovukBankHolidays(text: string, division: string): ImportedYear[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HolidayFileError('not JSON: expected GOV.UK’s bank-holidays.json');
  }
  const parsed = FeedSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HolidayFileError(
      `not GOV.UK’s bank-holidays.json format (${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'unexpected shape'})`,
    );
  }
  const found = parsed.data[division];
  if (!found) {
    throw new HolidayFileError(
      `no division "${division}" in the file (it has ${Object.keys(parsed.data).join(', ') || 'none'})`,
    );
  }
  return byYear(
    found.events.map((event) => ({
      date: event.date,
      name: event.notes.trim() ? `${event.title} (${event.notes.trim()})` : event.title,
    })),
  );
}
