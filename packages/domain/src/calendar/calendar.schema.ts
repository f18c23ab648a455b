import { z } from 'zod';
import { isIsoDate } from '../time/local-date';
import { isKnownZone } from '../time/zoned-time';

/**
 * The shape of one `policies/calendars/<id>.yaml`: the bank and public holidays of one
 * jurisdiction, year by year with the source of each year, plus one-off closure days an
 * administrator adds. Outside `covers` the calendar refuses to count rather than guess.
 */

const isoDate = z.string().refine(isIsoDate, 'expected a date yyyy-mm-dd');

export const HolidaySchema = z.strictObject({
  date: isoDate,
  name: z.string().trim().min(1),
  /** where this one date comes from, when not the year's source (one-off days) */
  source: z.string().trim().min(1).optional(),
});

export const ClosureSchema = z.strictObject({
  date: isoDate,
  /** why the service is closed that day, e.g. "Council offices closed: system migration" */
  reason: z.string().trim().min(1),
  /** who decided it, for the audit trail */
  addedBy: z.string().trim().min(1),
});

export const CalendarYearSchema = z.strictObject({
  year: z.number().int().min(1970).max(2200),
  /** where this year's dates come from ("derived by rule" where no official list was read) */
  source: z.string().trim().min(1),
  holidays: z.array(HolidaySchema),
});

const CalendarShape = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected a lower-case kebab-case id'),
  title: z.string().trim().min(1),
  zone: z.string().refine(isKnownZone, 'expected an IANA time zone such as Europe/London'),
  /** the rules the derived years follow, for the reader */
  rules: z.array(z.string().trim().min(1)).default([]),
  years: z.array(CalendarYearSchema).min(1),
  closures: z.array(ClosureSchema).default([]),
});

export const CalendarFileSchema = CalendarShape.superRefine((calendar, ctx) => {
  calendar.years.forEach((entry, i) => {
    const previous = calendar.years[i - 1];
    if (previous && entry.year !== previous.year + 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['years', i, 'year'],
        message: `expected ${previous.year + 1}: years must run on without gaps`,
      });
    }
    const seen = new Set<string>();
    entry.holidays.forEach((holiday, j) => {
      if (!holiday.date.startsWith(`${entry.year}-`)) {
        ctx.addIssue({
          code: 'custom',
          path: ['years', i, 'holidays', j, 'date'],
          message: `${holiday.date} is not in ${entry.year}`,
        });
      }
      if (seen.has(holiday.date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['years', i, 'holidays', j, 'date'],
          message: `${holiday.date} is listed twice`,
        });
      }
      seen.add(holiday.date);
    });
  });
});

export type CalendarFile = z.infer<typeof CalendarFileSchema>;
