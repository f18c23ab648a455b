import { addressKey } from '@escalations/domain';
import { z } from 'zod';

/** POST /inbound's query: the mailbox the provider delivered to, when it says. */
export const InboundQuerySchema = z.strictObject({
  to: z
    .email({ error: 'to must be the mailbox address the message was delivered to' })
    .transform(addressKey)
    .optional(),
});
export type InboundQuery = z.infer<typeof InboundQuerySchema>;

/** The media types a raw message may come as; anything else is 415. */
export const RAW_MESSAGE_TYPES = ['message/rfc822', 'text/plain', 'application/octet-stream'];
