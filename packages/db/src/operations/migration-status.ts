import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../rows-of';
import type { Executor } from '../database';
import { MIGRATIONS_FOLDER } from '../open-database';

export interface CommittedMigration {
  tag: string;
  /** the journal's `when`: what the migrator records as `created_at` once applied */
  when: number;
}

/** The migrations this build carries, in order, from drizzle-kit's journal. */
export function committedMigrations(folder: string = MIGRATIONS_FOLDER): CommittedMigration[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: CommittedMigration[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

/**
 * The committed migrations the database has not had, by the migrator's own rule: every one
 * newer than the newest it recorded. A process that finds any is running code ahead of its
 * schema (another instance is migrating, or migrations failed), so it is not ready.
 */
export async function pendingMigrations(
  executor: Executor,
  folder: string = MIGRATIONS_FOLDER,
): Promise<string[]> {
  const committed = committedMigrations(folder);
  const exists = await rowsOf<{ present: boolean }>(
    executor,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!exists[0]?.present) return committed.map((migration) => migration.tag);
  const [latest] = await rowsOf<{ created: string | number | null }>(
    executor,
    sql`select max(created_at) as created from drizzle.__drizzle_migrations`,
  );
  const applied = latest?.created === null || latest === undefined ? -1 : Number(latest.created);
  return committed.filter((migration) => migration.when > applied).map((m) => m.tag);
}
