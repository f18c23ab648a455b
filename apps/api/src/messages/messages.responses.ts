import { MESSAGE_KINDS } from '@escalations/db';
import { z } from 'zod';
import { INBOUND_STATUSES } from './messages.dto';

/** Inbound mail by state: what the audit needs, none of the sender's words. */
export const MessageListSchema = z
  .looseObject({
    messages: z.array(
      z.looseObject({
        id: z.uuid(),
        receivedAt: z.iso.datetime(),
        status: z.enum(INBOUND_STATUSES),
        kind: z.enum(MESSAGE_KINDS).nullable(),
        from: z.string().nullable(),
        to: z.array(z.string()),
        cc: z.array(z.string()),
        subject: z.string().nullable(),
        attempts: z.number().int(),
        error: z.string().nullable(),
        caseRef: z.string().nullable(),
        policy: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'MessageList' });
