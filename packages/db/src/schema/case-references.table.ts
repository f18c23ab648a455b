import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * The last reference number given out per policy and year. Taking the next one is a single
 * upsert in the transaction that opens the case: the row stays locked until it commits, so
 * two cases opened at the same instant can never share a reference.
 */
export const caseReferences = pgTable(
  'case_references',
  {
    policyId: text('policy_id').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (table) => [primaryKey({ columns: [table.policyId, table.year] })],
);
