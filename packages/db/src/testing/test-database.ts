import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { DatabaseHandle, DatabaseKind } from '../database';
import { openDatabase } from '../open-database';

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

/**
 * A fresh, migrated database of its own for one test file: PGlite in memory, or a new
 * database on the `DATABASE_URL` server, dropped afterwards. Tests never share state and
 * always run the real migrations.
 */
export async function createTestDatabase(
  kind: DatabaseKind,
  options: { poolSize?: number } = {},
): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await handle.migrate();
    return { ...handle, destroy: () => handle.close() };
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set: no Postgres server to test against');
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: options.poolSize ?? 5 });
  await handle.migrate();
  return {
    ...handle,
    url: url.toString(),
    destroy: async () => {
      await handle.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => undefined });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}
