import type { CaseEventType } from '@escalations/domain';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { cases } from './cases.table';

/**
 * The audit trail: append-only. A trigger (migration 0001) refuses every UPDATE, DELETE and
 * TRUNCATE, so not even a bug or a careless administrator can rewrite history; the one update
 * it permits is the erasure of a case's personal data, exactly as `erase_case_personal_data`
 * (migration 0011) makes it.
 */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** 1, 2, 3 ... within the case */
    seq: integer('seq').notNull(),
    type: text('type').$type<CaseEventType>().notNull(),
    /** when it happened (a breach: the due instant) */
    at: instant('at').notNull(),
    stage: integer('stage').notNull(),
    actor: text('actor').notNull(),
    verified: boolean('verified').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** when it was written */
    recordedAt: instant('recorded_at').notNull().defaultNow(),
  },
  (table) => [
    unique('events_case_seq_key').on(table.caseId, table.seq),
    index('events_type_at_idx').on(table.type, table.at),
  ],
);
