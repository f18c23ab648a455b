import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { DatabaseHandle, DatabaseKind } from '../database';
import { MIGRATIONS_FOLDER, openDatabase } from '../open-database';
import { migrationSet } from './migration-set';
import { pgliteSnapshot } from './pglite-snapshot';
import { createFromTemplate, databaseUrl } from './postgres-template';

/**
 * The engines a test should run against: always PGlite, and the Postgres server too when
 * `DATABASE_URL` names one (as CI does), so every storage test runs on both.
 */
export function testEngines(): DatabaseKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends DatabaseHandle {
  /** a connection string for another client on the same database (Postgres only) */
  url?: string;
  /** close and, on Postgres, drop the database */
  destroy(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** connections in the pool (Postgres only) */
  poolSize?: number;
  /** the committed migrations unless given, e.g. `migrationsBefore(tag)` */
  migrationsFolder?: string;
  /** where PGlite snapshots are kept; the machine's shared folder unless given */
  snapshotFolder?: string;
}

/**
 * A fresh, migrated database of its own for one test file: PGlite in memory, or a new
 * database on the `DATABASE_URL` server, dropped afterwards. Tests never share state and
 * always run the real migrations, though not each time: they run once per set of migration
 * files, into a PGlite snapshot and a Postgres template, and each test database starts as
 * a copy of that.
 */
export async function createTestDatabase(
  kind: DatabaseKind,
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  const migrations = migrationSet(options.migrationsFolder ?? MIGRATIONS_FOLDER);
  if (kind === 'pglite') {
    const snapshot = await pgliteSnapshot(migrations, options.snapshotFolder);
    const handle = await openDatabase({ dataDir: 'memory://', loadDataDir: snapshot });
    return { ...handle, destroy: () => handle.close() };
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set: no Postgres server to test against');
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await createFromTemplate(serverUrl, name, migrations);
  const url = databaseUrl(serverUrl, name);
  const handle = await openDatabase({ url, poolSize: options.poolSize ?? 5 });
  return {
    ...handle,
    url,
    destroy: async () => {
      await handle.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => undefined });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}
