import { bigserial, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { apiKeys } from './api-keys.table';
import { cases } from './cases.table';

/** Every API read of a case: which key, which case, when. Auditors audit the auditors. */
export const accessLog = pgTable(
  'access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    caseId: uuid('case_id').references(() => cases.id),
    method: text('method').notNull(),
    path: text('path').notNull(),
    status: integer('status'),
    at: instant('at').notNull().defaultNow(),
  },
  (table) => [
    index('access_log_case_idx').on(table.caseId, table.at),
    index('access_log_key_idx').on(table.apiKeyId, table.at),
  ],
);
