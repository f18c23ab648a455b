import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { bytea, messages } from './messages.table';

/** Attachments of inbound messages, kept with the message and listed on its case. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    /** sanitised: no paths, no control characters */
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** null when the attachment was over the size limit: listed, not kept */
    content: bytea('content'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [index('attachments_message_idx').on(table.messageId)],
);
