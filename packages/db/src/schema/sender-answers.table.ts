import { bigserial, index, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from './columns';

export const SENDER_ANSWER_KINDS = ['answer', 'limit-reached'] as const;
export type SenderAnswerKind = (typeof SENDER_ANSWER_KINDS)[number];

/**
 * Each answer sent to a sender (form problems, refusals, "not understood"), so a sender, or
 * a loop with another robot, gets at most a set number of answers an hour; and the one
 * answer that told a sender the limit was reached, so they are told once.
 */
export const senderAnswers = pgTable(
  'sender_answers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** lower-cased */
    address: text('address').notNull(),
    answeredAt: instant('answered_at').notNull(),
    kind: text('kind', { enum: SENDER_ANSWER_KINDS }).notNull().default('answer'),
    /**
     * A hash of the text answered, so the same message sent again is known for a repeat
     * (a loop) and not taken for a participant's next command. Null for older rows.
     */
    digest: text('digest'),
  },
  (table) => [index('sender_answers_address_idx').on(table.address, table.answeredAt)],
);
