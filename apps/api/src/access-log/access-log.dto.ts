import { z } from 'zod';

const isoDate = z.iso.date({ error: 'expected a date, yyyy-mm-dd' });

/**
 * GET /access-log: who read what, newest first. `from`/`to` are whole UTC days, both
 * inclusive; `key` an API key's id; `case` a case reference; `cursor` the `nextCursor` of
 * the page before.
 */
export const AccessLogQuerySchema = z
  .strictObject({
    from: isoDate.optional(),
    to: isoDate.optional(),
    key: z.uuid({ error: 'key must be the id of an API key (GET /api/v1/api-keys)' }).optional(),
    case: z.string().min(1).max(100).optional(),
    cursor: z
      .string()
      .regex(/^[1-9][0-9]{0,15}$/, 'cursor must be the nextCursor of the page before')
      .optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'from must not be after to',
    path: ['to'],
  });
export type AccessLogQuery = z.infer<typeof AccessLogQuerySchema>;
