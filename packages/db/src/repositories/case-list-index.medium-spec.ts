import { sql } from 'drizzle-orm';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing';

/** The plan's text, whichever driver answered. */
async function plan(database: TestDatabase, query: string): Promise<string> {
  const result: unknown = await database.db.execute(sql.raw(`explain ${query}`));
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
    string,
    string
  >[];
  return rows.map((row) => Object.values(row).join(' ')).join('\n');
}

describe.each(testEngines())('the indexes the console reads by, on %s', (engine) => {
  let database: TestDatabase;

  beforeAll(async () => {
    // one connection, so the settings below hold for every statement
    database = await createTestDatabase(engine, { poolSize: 1 });
    // an empty table: make the planner show the index it could use rather than a scan
    await database.db.execute(sql`set enable_seqscan = off`);
    await database.db.execute(sql`set enable_sort = off`);
  }, 60_000);

  afterAll(async () => {
    await database?.destroy();
  });

  it('reads the unfiltered case list newest first from an index, without sorting', async () => {
    const text = await plan(
      database,
      'select id from cases order by raised_at desc, id desc limit 50',
    );
    expect(text).toContain('cases_raised_idx');
    expect(text).not.toMatch(/\bSort\b/);
  });

  it("finds a partnership's cases closed in a month from an index", async () => {
    const text = await plan(
      database,
      `select count(*) from cases where policy_id = 'nel'
        and closed_at >= '2026-12-01' and closed_at < '2027-01-01'`,
    );
    expect(text).toContain('cases_policy_closed_idx');
  });

  it('reads the median working days to resolve from an index alone, no stage joined', async () => {
    const text = await plan(
      database,
      `select percentile_cont(0.5) within group (order by working_days_to_close), count(*)
        from cases where policy_id = 'nel' and status in ('resolved', 'decided')
        and closed_at >= '2025-12-15' and closed_at <= '2026-12-15'`,
    );
    expect(text).toContain('cases_policy_resolved_idx');
    expect(text).not.toContain('stages');
  });

  it("finds each case's breached stages from the index of breached stages", async () => {
    const text = await plan(
      database,
      `select coalesce(sum((select count(*) from stages
          cross join jsonb_array_elements(stages.breaches) as breach
          where stages.case_id = cases.id and jsonb_array_length(stages.breaches) > 0
            and (breach->>'at')::timestamptz >= '2026-12-01'::timestamptz)), 0)
        from cases where policy_id = 'nel' and last_breach_at >= '2026-12-01'
          and (closed_at is null or closed_at >= '2026-12-01')`,
    );
    expect(text).toContain('cases_policy_breach_idx');
    expect(text).toContain('stages_breached_idx');
  });

  it("counts a partnership's open cases by stage, overdue and due soon from one index", async () => {
    const byStage = await plan(
      database,
      `select current_stage, count(*) from cases where policy_id = 'nel' and status = 'open'
        group by current_stage order by current_stage`,
    );
    expect(byStage).toContain('cases_policy_open_idx');
    const dueSoon = await plan(
      database,
      `select count(*) from cases where policy_id = 'nel' and status = 'open'
        and current_due_at >= '2026-12-15' and current_due_date <= '2026-12-22'`,
    );
    expect(dueSoon).toContain('cases_policy_open_idx');
  });
});
