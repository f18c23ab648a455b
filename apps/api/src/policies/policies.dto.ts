import { z } from 'zod';

export const PreviewBodySchema = z.strictObject({
  /** an instant with an offset, or a local time in the policy calendar's zone */
  raisedAt: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/, {
      error:
        "expected an ISO 8601 date and time, e.g. 2026-12-23T10:00:00Z, or 2026-12-23T10:00 in the local time of the policy's calendar",
    }),
  startStage: z.number().int().min(1).default(1),
});
export type PreviewBody = z.infer<typeof PreviewBodySchema>;
