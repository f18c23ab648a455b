import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { cases } from './cases.table';
import { messages } from './messages.table';
import { notices } from './notices.table';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Mail to send. The message itself (its exact bytes and Message-ID) is written to
 * `messages` in the same transaction as the change that called for it; the sender claims
 * pending rows with SKIP LOCKED, so several senders never send one message twice, and a
 * crash before `sent` means the same bytes go again, which receivers deduplicate by
 * Message-ID.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .unique()
      .references(() => messages.id),
    caseId: uuid('case_id').references(() => cases.id),
    noticeId: uuid('notice_id').references(() => notices.id),
    mailFrom: text('mail_from').notNull(),
    recipients: jsonb('recipients').$type<string[]>().notNull(),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
    /** who holds the lease while sending: the worker's stable identity and its run */
    leaseWorker: text('lease_worker'),
    leaseIncarnation: text('lease_incarnation'),
    lastError: text('last_error'),
    sentAt: instant('sent_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [
    index('outbox_pending_idx')
      .on(table.nextAttemptAt)
      .where(sql`${table.status} = 'pending'`),
  ],
);
