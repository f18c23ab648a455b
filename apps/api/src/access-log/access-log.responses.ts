import { z } from 'zod';

/** Who read what, newest first, a page at a time. */
export const AccessLogSchema = z
  .looseObject({
    entries: z.array(
      z.looseObject({
        at: z.iso.datetime(),
        key: z.looseObject({ id: z.uuid(), label: z.string() }),
        route: z
          .string()
          .meta({ description: 'method and path, e.g. GET /api/v1/cases/NEL-2026-0001' }),
        status: z
          .number()
          .int()
          .nullable()
          .meta({ description: 'null on reads logged before the status was kept' }),
        caseRefs: z.array(z.string()),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'AccessLog' });
