import { sql } from 'drizzle-orm';
import { bigserial, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { apiKeys } from './api-keys.table';

/**
 * Every API read of case data, one row per request: which key, which route, how it was
 * answered, and the references of every case the answer held (none for a 404 or a 400).
 * Auditors audit the auditors.
 */
export const accessLog = pgTable(
  'access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    method: text('method').notNull(),
    /** the URL as requested, query included */
    path: text('path').notNull(),
    /** the HTTP status answered; null only on rows from before it was recorded */
    status: integer('status'),
    caseRefs: text('case_refs')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    at: instant('at').notNull().defaultNow(),
  },
  (table) => [
    // "who read this case": case_refs @> ARRAY[ref]
    index('access_log_case_refs_idx').using('gin', table.caseRefs),
    index('access_log_key_idx').on(table.apiKeyId, table.at),
  ],
);
