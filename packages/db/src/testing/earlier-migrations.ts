import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { DatabaseHandle } from '../database';
import { MIGRATIONS_FOLDER, openDatabase } from '../open-database';

/*
 * For tests of a migration's data changes: a deployment's database as it was before the
 * migration, filled, then brought up to date.
 */

/** The committed migrations before `tag`: the schema a deployment had before it. */
export function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  if (at < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

export async function blankDatabase(engine: 'pglite' | 'postgres') {
  if (engine === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    return { handle, destroy: () => handle.close() };
  }
  const server = process.env.DATABASE_URL!;
  const name = `migration_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(server, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 1 });
  return {
    handle,
    destroy: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

export function migrateFrom(handle: DatabaseHandle, folder: string): Promise<void> {
  return handle.kind === 'pglite'
    ? migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder })
    : migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: folder });
}
