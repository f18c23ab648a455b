import { CaseRepository, cases, stages } from '@escalations/db';
import { createTestDatabase, testEngines, type TestDatabase } from '@escalations/db/testing';
import type { Actor } from '@escalations/domain';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { asc, eq, sql } from 'drizzle-orm';
import { Casework, type CaseworkResult } from './casework';
import { CaseErasure } from './erasure/case-erasure';
import { nelCase, testMailSettings } from './testing';

const library = readPolicyLibrary(defaultPoliciesDir(__dirname));
const scheduler: Actor = { kind: 'scheduler', id: 'scheduler', verified: true };
const practitioner: Actor = {
  kind: 'participant',
  id: 'asha.patel@school.example.org',
  verified: true,
};

function ok(result: CaseworkResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
  return result;
}

/**
 * The reports count figures stored on the rows (each stage's on-time answer and whether it was
 * breached, with its case's policy and raise; each case's breaches, stages measured and on
 * time), written whenever casework saves the case. After every move of a case they must be what
 * the reports worked out from the stages' JSON before they were stored: the measure as it was
 * written in SQL, the oracle here.
 */
const fromTheStages = sql`
  select s.number,
    s.policy_id = c.policy_id and s.case_raised_at = c.raised_at as "scoped",
    s.breached = (jsonb_array_length(s.breaches) > 0) as "breachedRight",
    s.on_time is not distinct from (case
      when s.due_at is not null and (s.completed_at is not null or jsonb_array_length(s.breaches) > 0)
      then s.completed_at is not null and s.completed_at <= s.due_at
        and not jsonb_array_length(s.breaches) > 0 end) as "onTimeRight"
  from stages s join cases c on c.id = s.case_id
  where c.ref = `;
const caseFromTheStages = sql`
  select c.breach_count = sum(jsonb_array_length(s.breaches)) as "breachesRight",
    c.measured_stages = count(*) filter (where s.due_at is not null
      and (s.completed_at is not null or jsonb_array_length(s.breaches) > 0)) as "measuredRight",
    c.on_time_stages = count(*) filter (where s.due_at is not null and s.completed_at is not null
      and s.completed_at <= s.due_at and not jsonb_array_length(s.breaches) > 0) as "onTimeRight"
  from cases c join stages s on s.case_id = c.id
  where c.ref = `;

describe.each(testEngines())('the reports figures stored as a case moves, on %s', (engine) => {
  let database: TestDatabase;
  let now: Date;
  let casework: Casework;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  }, 60_000);
  afterAll(() => database.destroy());

  const rowsOf = async <T>(query: ReturnType<typeof sql>): Promise<T[]> => {
    const result: unknown = await database.db.execute(query);
    return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
  };

  /** The stored figures, after checking each against the oracle. */
  const stored = async (ref: string) => {
    const perStage = await rowsOf<Record<string, unknown>>(
      sql`${fromTheStages}${ref} order by s.number`,
    );
    expect(perStage.length).toBeGreaterThan(0);
    for (const row of perStage) {
      expect(row).toEqual({
        number: row['number'],
        scoped: true,
        breachedRight: true,
        onTimeRight: true,
      });
    }
    const [perCase] = await rowsOf<Record<string, unknown>>(
      sql`${caseFromTheStages}${ref} group by c.id`,
    );
    expect(perCase).toEqual({ breachesRight: true, measuredRight: true, onTimeRight: true });

    const [row] = await database.db
      .select({
        breachCount: cases.breachCount,
        measuredStages: cases.measuredStages,
        onTimeStages: cases.onTimeStages,
      })
      .from(cases)
      .where(eq(cases.ref, ref));
    const stageRows = await database.db
      .select({ number: stages.number, breached: stages.breached, onTime: stages.onTime })
      .from(stages)
      .innerJoin(cases, eq(cases.id, stages.caseId))
      .where(eq(cases.ref, ref))
      .orderBy(asc(stages.number));
    return { ...row!, stages: stageRows };
  };

  it('keeps each stage on time or late, and the case sums, through extension, breach, escalation, resolution and erasure', async () => {
    // NEL: stage 1 is due by working day 2, 17:00 on Wed 2 Dec for a raise on Tue 1 Dec
    now = new Date('2026-12-01T10:00:00Z');
    casework = new Casework({
      database: database.db,
      library,
      clock: () => now,
      mail: testMailSettings(),
    });
    const { ref } = ok(await casework.open(nelCase(now), practitioner));
    // open inside its time: not measured
    expect(await stored(ref)).toEqual({
      breachCount: 0,
      measuredStages: 0,
      onTimeStages: 0,
      stages: [{ number: 1, breached: false, onTime: null }],
    });

    // two more working days agreed: due Fri 4 Dec, still open, still not measured
    now = new Date('2026-12-02T10:00:00Z');
    ok(
      await casework.apply(
        ref,
        { kind: 'extend', workingDays: 2, reason: 'Awaiting GP' },
        practitioner,
      ),
    );
    const extended = (await new CaseRepository().findByRef(database.db, ref))!.state.stages[0]!;
    expect(extended.dueAt).toBe('2026-12-04T17:00:00.000Z');
    expect(await stored(ref)).toMatchObject({
      measuredStages: 0,
      stages: [{ number: 1, breached: false, onTime: null }],
    });

    // the extended date missed, as the scheduler's sweep records it (a batch, one statement
    // per table): measured, and late
    now = new Date('2026-12-04T17:30:00Z');
    const [outcome] = await casework.applyEach(
      [{ ref, command: { kind: 'breach', stage: 1 } }],
      scheduler,
    );
    if (!outcome || !('result' in outcome)) throw new Error('the breach was not applied');
    ok(outcome.result);
    const breached = await stored(ref);
    expect(breached).toMatchObject({ breachCount: 1, measuredStages: 1, onTimeStages: 0 });
    expect(breached.stages[0]).toEqual({ number: 1, breached: true, onTime: false });

    // escalated (by the breach rule or by hand): the late stage stays late, the next is open
    if (breached.stages.length === 1) {
      now = new Date('2026-12-07T10:00:00Z');
      ok(
        await casework.apply(
          ref,
          {
            kind: 'escalate',
            reason: 'No agreement',
            nextContacts: [{ email: 'jo.lee@council.example.gov.uk' }],
          },
          practitioner,
        ),
      );
    }
    const escalated = await stored(ref);
    expect(escalated).toMatchObject({ breachCount: 1, measuredStages: 1, onTimeStages: 0 });
    expect(escalated.stages).toEqual([
      { number: 1, breached: true, onTime: false },
      { number: 2, breached: false, onTime: null },
    ]);

    // resolved at stage 2 in its time (due by working day 8, Thu 10 Dec): on time
    now = new Date('2026-12-08T10:00:00Z');
    ok(await casework.apply(ref, { kind: 'resolve', outcome: 'Assessment agreed' }, practitioner));
    const resolved = await stored(ref);
    expect(resolved).toEqual({
      breachCount: 1,
      measuredStages: 2,
      onTimeStages: 1,
      stages: [
        { number: 1, breached: true, onTime: false },
        { number: 2, breached: false, onTime: true },
      ],
    });

    // erased: the personal data goes, the figures the reports count stay as they were
    now = new Date('2033-01-10T10:00:00Z');
    const erased = await new CaseErasure({
      database: database.db,
      library,
      clock: () => now,
    }).erase(ref, 'Retention period over', 'api-key:admin');
    expect(erased.ok).toBe(true);
    expect(await stored(ref)).toEqual(resolved);
  });
});
