import { sql } from 'drizzle-orm';
import { messages } from '../schema';

/**
 * Enough of a message's first bytes to hold its header section: lists show each message's
 * from, to and subject without reading whole messages, attachments and all, into memory.
 */
export const MESSAGE_HEAD_BYTES = 65_536;

/** The first MESSAGE_HEAD_BYTES of the raw message, as a Buffer on either driver. */
export const messageHead = () =>
  sql<Buffer>`substring(${messages.raw} from 1 for ${sql.raw(String(MESSAGE_HEAD_BYTES))})`.mapWith(
    (value: Buffer | Uint8Array | string) =>
      Buffer.isBuffer(value)
        ? value
        : typeof value === 'string'
          ? Buffer.from(value.replace(/^\\x/, ''), 'hex')
          : Buffer.from(value),
  );
