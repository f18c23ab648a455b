import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Database } from '../database';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing';
import { ReportRepository, type ReportScope } from './report.repository';

/** The statement a repository method builds, caught on a proxy of the database (it still runs). */
async function queryIssuedBy(db: Database, run: (db: Database) => Promise<unknown>): Promise<SQL> {
  let last: SQLWrapper | undefined;
  const recording = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function' || property === 'then') return value;
        return (...args: unknown[]): unknown => {
          const result: unknown = Reflect.apply(value, object, args);
          if (typeof result !== 'object' || result === null || result instanceof Promise) {
            return result;
          }
          if ('getSQL' in result && typeof result.getSQL === 'function') {
            last = result as SQLWrapper;
          }
          return recording(result);
        };
      },
    });
  await run(recording(db));
  if (!last) throw new Error('no query was built');
  return last.getSQL();
}

/** The plan's text, whichever driver answered. */
async function plan(database: TestDatabase, query: SQL): Promise<string> {
  const result: unknown = await database.db.execute(sql`explain ${query}`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
    string,
    string
  >[];
  return rows.map((row) => Object.values(row).join(' ')).join('\n');
}

// The console's reports must answer in milliseconds on 100,000 cases: each of their figures
// is read from one index of stored answers, the stages' without joining their cases.
describe.each(testEngines())('the indexes the reports read by, on %s', (engine) => {
  let database: TestDatabase;
  const reports = new ReportRepository();
  const scope: ReportScope = {
    policy: 'nel',
    raisedFrom: new Date('2026-01-01T00:00:00Z'),
    raisedBefore: new Date('2027-01-01T00:00:00Z'),
  };

  beforeAll(async () => {
    // one connection, so the setting below holds for every statement
    database = await createTestDatabase(engine, { poolSize: 1 });
    // an empty table: make the planner show the index it could use rather than a scan
    await database.db.execute(sql`set enable_seqscan = off`);
  }, 60_000);

  afterAll(async () => {
    await database?.destroy();
  });

  const planOf = async (run: (db: Database) => Promise<unknown>) =>
    plan(database, await queryIssuedBy(database.db, run));

  it("counts a period's stages per stage from the stages' index, no case joined", async () => {
    const text = await planOf((db) => reports.stageFigures(db, scope));
    expect(text).toContain('stages_report_idx');
    expect(text).not.toMatch(/Join|Nested Loop|on cases/);
  });

  it("counts a period's stages on time by month from the stages' index, no case joined", async () => {
    const text = await planOf((db) => reports.onTimeByMonth(db, scope));
    expect(text).toContain('stages_report_idx');
    expect(text).not.toMatch(/Join|Nested Loop|on cases/);
  });

  it("sums a period's case figures from the cases' index, no stage read", async () => {
    const text = await planOf((db) => reports.caseFigures(db, scope));
    expect(text).toContain('cases_report_idx');
    expect(text).not.toMatch(/stages/);
  });

  it('finds the cases that reached a stage from the stages of the period', async () => {
    const text = await planOf((db) => reports.casesReachingStage(db, scope, 5));
    expect(text).toContain('stages_report_idx');
  });
});
