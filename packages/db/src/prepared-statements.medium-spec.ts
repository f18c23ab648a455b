import { eq, sql } from 'drizzle-orm';
import { settings } from './schema';
import { createTestDatabase, type TestDatabase } from './testing';

/**
 * On Postgres every statement is prepared once per connection and executed by name after:
 * one round trip and no parse for a statement seen before, instead of two and a parse each
 * time (drizzle otherwise asks the driver not to prepare). `pg_prepared_statements` lists a
 * session's prepared statements, so one connection in the pool shows what it prepared.
 */
const postgresOnly = process.env.DATABASE_URL ? describe : describe.skip;

postgresOnly('statements on Postgres', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('postgres', { poolSize: 1 });
  }, 60_000);

  afterAll(() => database.destroy());

  const prepared = async (): Promise<string[]> => {
    // on Postgres the driver's result is the rows themselves
    const result: unknown = await database.db.execute(
      sql`select statement from pg_prepared_statements`,
    );
    const rows = result as { statement: string }[];
    return rows.map((row) => row.statement);
  };

  it('prepares a query once and runs it again by name', async () => {
    const read = () =>
      database.db.select().from(settings).where(eq(settings.key, 'prepared-statements-spec'));
    await read();
    await read();
    const statements = await prepared();
    const reads = statements.filter((text) => text.includes('from "settings"'));
    expect(reads).toHaveLength(1);
  });

  it('prepares statements inside a transaction and a nested one too', async () => {
    await database.db.transaction(async (tx) => {
      await tx.insert(settings).values({ key: 'in-transaction', value: 'a' });
      await tx.transaction(async (nested) => {
        await nested.update(settings).set({ value: 'b' }).where(eq(settings.key, 'in-transaction'));
      });
    });
    const statements = await prepared();
    expect(statements.some((text) => text.startsWith('insert into "settings"'))).toBe(true);
    expect(statements.some((text) => text.startsWith('update "settings"'))).toBe(true);
  });

  it('still answers a statement whose plan a schema change invalidated', async () => {
    const read = () => database.db.select({ value: settings.value }).from(settings);
    await read();
    await database.db.execute(sql`alter table settings add column prepared_spec_extra text`);
    await expect(read()).resolves.toEqual([{ value: 'b' }]);
    await database.db.execute(sql`alter table settings drop column prepared_spec_extra`);
  });
});
