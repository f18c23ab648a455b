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

export const LiveSchema = z.looseObject({ status: z.literal('live') }).meta({ id: 'Live' });

/** Ready to take work; the same fields are the details of a 503. */
export const ReadinessSchema = z
  .looseObject({
    status: z.enum(['ready', 'not-ready']),
    database: z.enum(['ok', 'unavailable']),
    migrations: z.looseObject({ pending: z.array(z.string()) }),
    inbound: z.looseObject({
      waiting: z.number().int(),
      oldestWaitingSeconds: z.number().nullable(),
      limitSeconds: z.number(),
    }),
    problems: z.array(z.string()),
  })
  .meta({ id: 'Readiness' });
