import { sql } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { apiKeyRole } from './enums';

/**
 * API keys. Only a SHA-256 hash of each key is kept: keys are 256 random bits, so a slow
 * password hash would add nothing but latency to every request.
 */
export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  label: text('label').notNull(),
  role: apiKeyRole('role').notNull(),
  /**
   * The partnerships (policy ids) whose cases the key may see, or `{*}` for the service
   * operator: every policy, and the only scope that manages every key. Keys made before
   * scopes existed are `{*}`.
   */
  policies: text('policies')
    .array()
    .notNull()
    .default(sql`'{*}'::text[]`),
  /** the first characters of the key, so a person can tell keys apart */
  prefix: text('prefix').notNull(),
  hash: text('hash').notNull().unique(),
  createdAt: instant('created_at').notNull().defaultNow(),
  lastUsedAt: instant('last_used_at'),
  revokedAt: instant('revoked_at'),
});
