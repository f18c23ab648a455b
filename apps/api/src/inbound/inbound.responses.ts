import { z } from 'zod';

/** 202: the message is stored (committed) and will be processed by the mail role. */
export const StoredMessageSchema = z
  .looseObject({
    id: z.uuid(),
    duplicate: z
      .boolean()
      .meta({ description: 'true: the same message (Message-ID or bytes) was stored before' }),
  })
  .meta({ id: 'StoredMessage' });
