import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres, { type Sql } from 'postgres';
import { MIGRATIONS_FOLDER } from '../open-database';
import { committedMigrations } from '../operations/migration-status';
import { migrationSet } from './migration-set';
import { dropTemplate, templateName } from './postgres-template';
import { createTestDatabase, testEngines } from './test-database';

const onPostgres = testEngines().includes('postgres') ? describe : describe.skip;

onPostgres('the Postgres template of the migrated database', () => {
  const serverUrl = process.env.DATABASE_URL!;
  let admin: Sql;
  const suffix = randomBytes(4).toString('hex');
  // as other migration sets left them: one built long ago, one built a moment ago
  const outdated = `escalations_template_spec_${suffix}_outdated`;
  const recent = `escalations_template_spec_${suffix}_recent`;
  let folder: string;
  beforeAll(async () => {
    admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
    // the committed migrations and one file more: a migration set no other test has built
    folder = mkdtempSync(join(tmpdir(), 'template-migrations-'));
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    writeFileSync(join(folder, 'spec-nonce.txt'), folder);
    for (const [name, built] of [
      [outdated, '2026-01-01T00:00:00.000Z'],
      [recent, new Date().toISOString()],
    ]) {
      await admin.unsafe(`create database "${name}"`);
      await admin.unsafe(`comment on database "${name}" is '${built}'`);
      await admin.unsafe(`alter database "${name}" with is_template true allow_connections false`);
    }
  });
  afterAll(async () => {
    for (const name of [templateName(migrationSet(folder)), outdated, recent]) {
      await dropTemplate(admin, name);
    }
    await admin.end();
    rmSync(folder, { recursive: true, force: true });
  });

  async function template(name: string) {
    return admin`select datistemplate, datallowconn from pg_database where datname = ${name}`;
  }

  it('is built once and copied, however many ask for it at once, each on a connection of its own', async () => {
    const databases = await Promise.all([
      createTestDatabase('postgres', { migrationsFolder: folder }),
      createTestDatabase('postgres', { migrationsFolder: folder }),
    ]);
    try {
      for (const database of databases) {
        const result: unknown = await database.db.execute(
          sql`select count(*)::int as applied from drizzle.__drizzle_migrations`,
        );
        expect((result as { applied: number }[])[0]!.applied).toBe(committedMigrations().length);
      }
      // a template lets no one connect: Postgres copies no database that has a connection
      expect(await template(templateName(migrationSet(folder)))).toEqual([
        { datistemplate: true, datallowconn: false },
      ]);
    } finally {
      await Promise.all(databases.map((database) => database.destroy()));
    }
  });

  it('drops the templates of other migrations once they are old, when it builds one', async () => {
    await createTestDatabase('postgres', { migrationsFolder: folder }).then((database) =>
      database.destroy(),
    );
    expect(await template(outdated)).toEqual([]);
    expect(await template(recent)).toHaveLength(1);
  });
});
