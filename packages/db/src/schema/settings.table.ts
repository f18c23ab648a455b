import { pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from './columns';

/**
 * Values the service makes for itself on first start and every instance must share, such
 * as the secret that signs reply addresses: kept here so several processes agree on them
 * without anyone configuring them.
 */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});
