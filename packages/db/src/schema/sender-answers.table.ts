import { bigserial, index, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from './columns';

/**
 * Each answer sent to a sender (form problems, refusals, "not understood"), so a sender, or
 * a loop with another robot, gets at most a set number of answers an hour.
 */
export const senderAnswers = pgTable(
  'sender_answers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** lower-cased */
    address: text('address').notNull(),
    answeredAt: instant('answered_at').notNull(),
  },
  (table) => [index('sender_answers_address_idx').on(table.address, table.answeredAt)],
);
