import type { NoticeKind } from '@escalations/domain';
import { index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { cases } from './cases.table';

/**
 * Every notice a change to a case called for. `key` is unique within the case: a reminder
 * or a breach notice is keyed by stage and due date, so however many scheduler instances
 * run, the database lets it be written once.
 */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    key: text('key').notNull(),
    kind: text('kind').$type<NoticeKind>().notNull(),
    stage: integer('stage').notNull(),
    /** role keys (`case.participants`, `partnership.businessManager`) or `address:<email>` */
    recipients: jsonb('recipients').$type<string[]>().notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    /** set when the outgoing mail for it has been queued */
    queuedAt: instant('queued_at'),
  },
  (table) => [
    unique('notices_case_key_key').on(table.caseId, table.key),
    index('notices_unqueued_idx').on(table.createdAt),
  ],
);
