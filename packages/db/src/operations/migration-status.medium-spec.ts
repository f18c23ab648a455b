import { rmSync } from 'node:fs';
import { MIGRATIONS_FOLDER } from '../open-database';
import { testEngines } from '../testing';
import { blankDatabase, migrateFrom, migrationsBefore } from '../testing/earlier-migrations';
import { committedMigrations, pendingMigrations } from './migration-status';

describe.each(testEngines())('pendingMigrations on %s', (engine) => {
  const committed = committedMigrations();
  const last = committed.at(-1)!;

  it('reads the journal the migrator applies', () => {
    expect(committed[0]).toMatchObject({ tag: '0000_init' });
    expect(committed.length).toBeGreaterThan(10);
  });

  it('is every committed migration on a database never migrated', async () => {
    const { handle, destroy } = await blankDatabase(engine);
    try {
      expect(await pendingMigrations(handle.db)).toEqual(committed.map((m) => m.tag));
    } finally {
      await destroy();
    }
  });

  it('names the migration a database has not had yet, and none once it has', async () => {
    const { handle, destroy } = await blankDatabase(engine);
    const before = migrationsBefore(last.tag);
    try {
      await migrateFrom(handle, before);
      expect(await pendingMigrations(handle.db)).toEqual([last.tag]);
      await migrateFrom(handle, MIGRATIONS_FOLDER);
      expect(await pendingMigrations(handle.db)).toEqual([]);
    } finally {
      rmSync(before, { recursive: true, force: true });
      await destroy();
    }
  });
});
