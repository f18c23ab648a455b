import { integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { caseSide, participantRole } from './enums';
import { cases } from './cases.table';

export const participants = pgTable(
  'participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** lower-cased: a sender is matched to a participant by address */
    email: text('email').notNull(),
    name: text('name'),
    agency: text('agency'),
    role: participantRole('role').notNull(),
    /** the role they hold, as whoever added them wrote it (`Role: Team Manager`) */
    roleTitle: text('role_title'),
    /** raising or other side of the disagreement; null for someone of neither (copied, partnership) */
    side: caseSide('side'),
    joinedAtStage: integer('joined_at_stage').notNull(),
    /** order of joining, so the case reads as it happened */
    position: integer('position').notNull(),
    /** set when mail to this address bounces, so the partnership can be told */
    failingSince: instant('failing_since'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [unique('participants_case_email_key').on(table.caseId, table.email)],
);
