import { z } from 'zod';

/** What one deadline sweep did, by case reference. */
export const SweepReportSchema = z
  .looseObject({
    at: z.iso.datetime(),
    reminders: z.array(z.string()),
    breaches: z.array(z.string()),
    overallLimits: z.array(z.string()),
    /** timed steps inside a stage (NEL's Chair's recommendation), each `<ref> stage <n> <step>` */
    stepReminders: z.array(z.string()),
    stepBreaches: z.array(z.string()),
    digests: z.array(z.string()),
    calendars: z.array(
      z.looseObject({
        calendar: z.string(),
        changed: z.array(z.string()),
        failed: z.array(z.string()),
      }),
    ),
    skipped: z.number().int(),
    failed: z.array(z.string()),
  })
  .meta({ id: 'SweepReport' });
