import { jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { instant } from './columns';

/**
 * Who holds each partnership role of a policy (`businessManager` → addresses): breach
 * notices, forms and digests go there. PARTNERSHIP_CONTACTS seeds a role until a row names it.
 */
export const partnershipContacts = pgTable(
  'partnership_contacts',
  {
    policyId: text('policy_id').notNull(),
    role: text('role').notNull(),
    /** lower-cased; empty: the role has no address (its mail goes to the service's own mailbox) */
    addresses: jsonb('addresses').$type<string[]>().notNull(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.policyId, table.role] })],
);
