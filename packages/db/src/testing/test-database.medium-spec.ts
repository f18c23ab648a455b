import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../database';
import { MIGRATIONS_FOLDER } from '../open-database';
import { blankDatabase, migrateFrom } from './earlier-migrations';
import { createTestDatabase, testEngines } from './test-database';

/** Everything the migrations make, in an order that does not depend on how they were made. */
const SCHEMA_QUERIES = {
  columns: sql`select table_schema, table_name, column_name, data_type, udt_name, is_nullable,
      column_default from information_schema.columns
    where table_schema in ('public', 'drizzle') order by 1, 2, 3`,
  indexes: sql`select schemaname, tablename, indexname, indexdef from pg_indexes
    where schemaname in ('public', 'drizzle') order by 1, 2, 3`,
  constraints: sql`select conrelid::regclass::text as "table", conname,
      pg_get_constraintdef(oid) as definition from pg_constraint
    where connamespace in ('public'::regnamespace, 'drizzle'::regnamespace) order by 1, 2`,
  triggers: sql`select tgrelid::regclass::text as "table", tgname, pg_get_triggerdef(oid) as definition
    from pg_trigger where not tgisinternal order by 1, 2`,
  functions: sql`select proname, pg_get_functiondef(oid) as definition from pg_proc
    where pronamespace = 'public'::regnamespace order by 1`,
  enums: sql`select t.typname, e.enumlabel from pg_type t join pg_enum e on e.enumtypid = t.oid
    order by 1, e.enumsortorder`,
  migrations: sql`select id, hash, created_at from drizzle.__drizzle_migrations order by id`,
};

async function schemaOf(handle: DatabaseHandle): Promise<Record<string, unknown[]>> {
  const schema: Record<string, unknown[]> = {};
  for (const [part, query] of Object.entries(SCHEMA_QUERIES)) {
    const result: unknown = await handle.db.execute(query);
    schema[part] = Array.isArray(result) ? [...result] : (result as { rows: unknown[] }).rows;
  }
  return schema;
}

describe.each(testEngines())('a test database on %s', (engine) => {
  it('has the schema and migration records of a database migrated from blank', async () => {
    const fresh = await blankDatabase(engine);
    const copy = await createTestDatabase(engine);
    try {
      await migrateFrom(fresh.handle, MIGRATIONS_FOLDER);
      const expected = await schemaOf(fresh.handle);
      expect(expected.migrations!.length).toBeGreaterThan(10);
      expect(await schemaOf(copy)).toEqual(expected);
    } finally {
      await copy.destroy();
      await fresh.destroy();
    }
  });

  it('is its own: what one test database is given, the next one made has not', async () => {
    const first = await createTestDatabase(engine);
    try {
      await first.db.execute(sql`create table spec_probe (id int)`);
      await first.db.execute(sql`delete from drizzle.__drizzle_migrations`);
    } finally {
      await first.destroy();
    }
    const second = await createTestDatabase(engine);
    try {
      const [present] = (await schemaOf(second)).columns!.filter(
        (column) => (column as { table_name: string }).table_name === 'spec_probe',
      );
      expect(present).toBeUndefined();
      expect((await schemaOf(second)).migrations!.length).toBeGreaterThan(10);
    } finally {
      await second.destroy();
    }
  });
});
