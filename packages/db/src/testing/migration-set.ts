import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A migrations folder and the hash that names what it builds. */
export interface MigrationSet {
  folder: string;
  hash: string;
}

export function migrationSet(folder: string): MigrationSet {
  return { folder, hash: migrationsHash(folder) };
}

/**
 * Names a migrated test database by what it was built from: every file under the migrations
 * folder (the SQL and drizzle's journal) and the PGlite release, whose data files a snapshot
 * holds. Any change to either gives a new name, so an outdated snapshot or template is never
 * used.
 */
export function migrationsHash(migrationsFolder: string): string {
  const hash = createHash('sha256');
  hash.update(`pglite ${pgliteVersion()}\0`);
  const files = readdirSync(migrationsFolder, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(join(migrationsFolder, file)).isFile())
    .sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(migrationsFolder, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The package exports no package.json, so it is read beside the entry point. */
function pgliteVersion(): string {
  const entry = require.resolve('@electric-sql/pglite');
  const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}
