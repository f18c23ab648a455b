import { MESSAGE_KINDS } from '@escalations/db';
import { z } from 'zod';

/** The states an inbound message can be in. */
export const INBOUND_STATUSES = [
  'received',
  'processing',
  'processed',
  'failed',
  'set-aside',
] as const;

const isoDate = z.iso.date({ error: 'expected a date, yyyy-mm-dd' });

/**
 * GET /messages: inbound messages, oldest first, by state, by what the processor made of them
 * (`kind`: e.g. unrecognised, the mail that made no case), by partnership and by the UTC days
 * they arrived (`from`, `to`, both inclusive). Only the caller's partnerships' mail.
 */
export const MessageListQuerySchema = z
  .strictObject({
    status: z
      .enum(INBOUND_STATUSES, {
        error: `status must be one of ${INBOUND_STATUSES.join(', ')}`,
      })
      .optional(),
    kind: z
      .enum(MESSAGE_KINDS, { error: `kind must be one of ${MESSAGE_KINDS.join(', ')}` })
      .optional(),
    policy: z.string().min(1).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'from must not be after to',
    path: ['to'],
  });
export type MessageListQuery = z.infer<typeof MessageListQuerySchema>;
