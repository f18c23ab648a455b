import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { apiKeys } from './api-keys.table';

/**
 * The console's sign-ins: a person pasted an API key once and holds a session cookie.
 * Only a SHA-256 hash of the session's secret is kept, as for keys; the key's role and
 * scope are read from `api_keys` on every request, so a revoked key ends its sessions.
 */
export const consoleSessions = pgTable(
  'console_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    apiKeyId: uuid('api_key_id')
      .notNull()
      .references(() => apiKeys.id),
    createdAt: instant('created_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
  },
  (table) => [index('console_sessions_key_idx').on(table.apiKeyId)],
);
