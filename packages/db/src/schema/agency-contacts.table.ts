import { integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { agencies } from './agencies.table';

/** Who holds an agency's role at a stage: they may act on that agency's cases. */
export const agencyContacts = pgTable(
  'agency_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    stage: integer('stage').notNull(),
    name: text('name'),
    /** lower-cased */
    email: text('email').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [unique('agency_contacts_key').on(table.agencyId, table.stage, table.email)],
);
