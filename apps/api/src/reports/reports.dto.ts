import { z } from 'zod';

const isoDate = z.iso.date({ error: 'expected a date, yyyy-mm-dd' });

export const ReportQuerySchemas = {
  /** GET /reports/timeliness?policy&from&to: cases raised between from and to (inclusive) */
  timeliness: z
    .strictObject({
      policy: z.string({ error: 'policy is required' }).min(1),
      from: isoDate.optional(),
      to: isoDate.optional(),
    })
    .refine((query) => !query.from || !query.to || query.from <= query.to, {
      message: 'from must not be after to',
      path: ['to'],
    }),
  /** GET /reports/learning?policy&from&to: learning recorded between from and to (inclusive) */
  learning: z
    .strictObject({
      policy: z.string({ error: 'policy is required' }).min(1),
      from: isoDate.optional(),
      to: isoDate.optional(),
    })
    .refine((query) => !query.from || !query.to || query.from <= query.to, {
      message: 'from must not be after to',
      path: ['to'],
    }),
  /** GET /reports/annual?policy&year */
  annual: z.strictObject({
    policy: z.string({ error: 'policy is required' }).min(1),
    year: z.coerce.number({ error: 'year is required' }).int().min(2000).max(2100),
  }),
};
export type TimelinessQuery = z.infer<typeof ReportQuerySchemas.timeliness>;
export type AnnualQuery = z.infer<typeof ReportQuerySchemas.annual>;
export type LearningQuery = z.infer<typeof ReportQuerySchemas.learning>;
