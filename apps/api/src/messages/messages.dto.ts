import { z } from 'zod';

/** The states an inbound message can be in that an administrator may need to look at. */
export const INBOUND_STATUSES = ['received', 'processing', 'failed', 'set-aside'] as const;

/** GET /messages: inbound messages in one state, oldest first. */
export const MessageListQuerySchema = z.strictObject({
  status: z.enum(INBOUND_STATUSES, {
    error: `status must be one of ${INBOUND_STATUSES.join(', ')}`,
  }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type MessageListQuery = z.infer<typeof MessageListQuerySchema>;
