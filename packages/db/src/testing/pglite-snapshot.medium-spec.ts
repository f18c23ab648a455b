import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER } from '../open-database';
import { committedMigrations } from '../operations/migration-status';
import { migrationsBefore } from './earlier-migrations';
import { migrationSet } from './migration-set';
import { createTestDatabase, type TestDatabase } from './test-database';

const committed = committedMigrations();

async function appliedMigrations(database: TestDatabase): Promise<number> {
  const result: unknown = await database.db.execute(
    sql`select count(*)::int as applied from drizzle.__drizzle_migrations`,
  );
  return (result as { rows: { applied: number }[] }).rows[0]!.applied;
}

describe('the PGlite snapshot of the migrated database', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'pglite-snapshots-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('is built once, however many test databases ask for it at once', async () => {
    const file = join(folder, `migrated-${migrationSet(MIGRATIONS_FOLDER).hash}.tar`);
    const databases = await Promise.all([
      createTestDatabase('pglite', { snapshotFolder: folder }),
      createTestDatabase('pglite', { snapshotFolder: folder }),
    ]);
    try {
      for (const database of databases) {
        expect(await appliedMigrations(database)).toBe(committed.length);
      }
      // the whole file only: no temporary file or lock left beside it
      expect(readdirSync(folder)).toContain(basename(file));
      expect(readdirSync(folder).filter((name) => !name.endsWith('.tar'))).toEqual([]);
      const built = statSync(file).ino;
      const third = await createTestDatabase('pglite', { snapshotFolder: folder });
      await third.destroy();
      expect(statSync(file).ino).toBe(built);
    } finally {
      await Promise.all(databases.map((database) => database.destroy()));
    }
  });

  it('is built anew when the migrations change, past a lock its dead builder left', async () => {
    const before = migrationsBefore(committed.at(-1)!.tag);
    const changed = migrationSet(before);
    expect(changed.hash).not.toBe(migrationSet(MIGRATIONS_FOLDER).hash);
    const file = join(folder, `migrated-${changed.hash}.tar`);
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(`${file}.lock`, String(gone));
    const database = await createTestDatabase('pglite', {
      migrationsFolder: before,
      snapshotFolder: folder,
    });
    try {
      expect(await appliedMigrations(database)).toBe(committed.length - 1);
      expect(readdirSync(folder)).toContain(basename(file));
      expect(readdirSync(folder)).not.toContain(`${basename(file)}.lock`);
    } finally {
      await database.destroy();
      rmSync(before, { recursive: true, force: true });
    }
  });
});
