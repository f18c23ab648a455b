import { z } from 'zod';

export const PreviewBodySchema = z.strictObject({
  raisedAt: z.iso.datetime({
    offset: true,
    error: 'expected an ISO 8601 instant, e.g. 2026-12-23T10:00:00Z',
  }),
  startStage: z.number().int().min(1).default(1),
});
export type PreviewBody = z.infer<typeof PreviewBodySchema>;
