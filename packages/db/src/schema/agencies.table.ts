import { jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';

/** The agencies of a partnership, with their type (the policy's role-ladder columns). */
export const agencies = pgTable(
  'agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    policyId: text('policy_id').notNull(),
    name: text('name').notNull(),
    /** one of the policy's agencyTypes keys, e.g. `health` */
    type: text('type'),
    /** other names the escalation form may give it, matched case-insensitively */
    aliases: jsonb('aliases').$type<string[]>().notNull().default([]),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [unique('agencies_policy_name_key').on(table.policyId, table.name)],
);
