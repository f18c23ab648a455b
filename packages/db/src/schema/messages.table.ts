import { customType, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { messageDirection } from './enums';
import { cases } from './cases.table';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const MESSAGE_STATUSES = [
  'received',
  'processing',
  'processed',
  'failed',
  'set-aside',
  'queued',
  'sent',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * Every email in and out, raw bytes exactly as received or sent: the record of what was
 * said. Inbound mail is stored before the SMTP server answers 250, so nothing is lost.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    direction: messageDirection('direction').notNull(),
    /** the Message-ID header, without angle brackets; null when a message has none */
    messageId: text('message_id'),
    /** SHA-256 of the raw bytes: duplicates without a Message-ID are still one message */
    sha256: text('sha256').notNull(),
    raw: bytea('raw').notNull(),
    caseId: uuid('case_id').references(() => cases.id),
    fromAddress: text('from_address'),
    status: text('status').$type<MessageStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    receivedAt: instant('received_at').notNull().defaultNow(),
    processedAt: instant('processed_at'),
  },
  (table) => [
    unique('messages_direction_message_id_key').on(table.direction, table.messageId),
    unique('messages_direction_sha256_key').on(table.direction, table.sha256),
    index('messages_case_idx').on(table.caseId, table.receivedAt),
    index('messages_status_idx').on(table.status, table.receivedAt),
  ],
);
