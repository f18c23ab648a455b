import { z } from 'zod';

/** The summary: up when the database answers; degraded when a calendar in use runs out. */
export const HealthSchema = z
  .looseObject({
    status: z.enum(['ok', 'degraded']),
    database: z.literal('ok'),
    partnershipRoles: z.looseObject({
      withoutAddress: z.array(
        z.looseObject({ policy: z.string(), role: z.string(), mailGoesTo: z.string() }),
      ),
    }),
    calendars: z.looseObject({
      runningOut: z.array(
        z.looseObject({ calendar: z.string(), lastDay: z.iso.date(), message: z.string() }),
      ),
    }),
  })
  .meta({ id: 'Health' });
