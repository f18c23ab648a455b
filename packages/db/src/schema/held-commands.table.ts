import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { cases } from './cases.table';
import { messages } from './messages.table';

export const HELD_COMMAND_STATUSES = ['held', 'confirmed'] as const;
export type HeldCommandStatus = (typeof HELD_COMMAND_STATUSES)[number];

/**
 * A command from a sender the checks could not verify, held until that participant confirms
 * it by replying from their own mailbox to a one-time address (`token`). A spoofer never
 * sees the request, so a confirmed command is as good as a verified one. Past `expiresAt`
 * it can no longer be confirmed; it stays here, with the message that carried it, as the
 * record of what was asked.
 */
export const heldCommands = pgTable(
  'held_commands',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** the random part of the confirmation address */
    token: text('token').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** the message that carried the command */
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id),
    /** the address it came from and the confirmation went to, lower-cased */
    sender: text('sender').notNull(),
    /** the actor as identified when it arrived, and the command as parsed */
    actor: jsonb('actor').$type<Record<string, unknown>>().notNull(),
    command: jsonb('command').$type<Record<string, unknown>>().notNull(),
    heldAt: instant('held_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    status: text('status').$type<HeldCommandStatus>().notNull().default('held'),
    confirmedAt: instant('confirmed_at'),
    /** the reply that confirmed it */
    confirmedBy: uuid('confirmed_by').references(() => messages.id),
  },
  (table) => [
    uniqueIndex('held_commands_token_key').on(table.token),
    index('held_commands_case_idx').on(table.caseId),
  ],
);
