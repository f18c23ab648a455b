import { z } from 'zod';

/** POST /cases/:ref/erasure: why, for the record (the erasure's own event carries it). */
export const ErasureBodySchema = z.strictObject({
  reason: z
    .string({ error: 'reason is required' })
    .trim()
    .min(1, 'reason must not be empty')
    .max(2000, 'reason: at most 2000 characters'),
});
export type ErasureBody = z.infer<typeof ErasureBodySchema>;
