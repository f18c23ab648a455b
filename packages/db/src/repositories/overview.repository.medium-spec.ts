import { OverviewRepository } from './overview.repository';
import { cases, stages } from '../schema';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing';

const december = {
  policy: 'nel',
  now: new Date('2026-12-15T12:00:00Z'),
  dueSoonUntil: '2026-12-22',
  monthFrom: new Date('2026-12-01T00:00:00Z'),
  monthBefore: new Date('2027-01-01T00:00:00Z'),
  medianFrom: new Date('2025-12-15T12:00:00Z'),
};

const breachAt = (at: string) => ({
  at,
  dueDate: at.slice(0, 10),
  recordedAt: at,
});

describe.each(testEngines())("the overview's counts on %s", (engine) => {
  let database: TestDatabase;
  const overview = new OverviewRepository();

  /** a case of `policy` whose stage 1 missed the deadlines `breaches` */
  async function seedCase(
    ref: string,
    policy: string,
    closedAt: Date | null,
    breaches: string[],
  ): Promise<void> {
    const [row] = await database.db
      .insert(cases)
      .values({
        ref,
        policyId: policy,
        status: closedAt ? 'resolved' : 'open',
        version: 1,
        raisedAt: new Date('2026-10-01T09:00:00Z'),
        caseName: 'Child A',
        agency: 'Northside School',
        otherAgency: "Children's Social Care",
        disagreement: 'Threshold for a strategy meeting',
        category: 'threshold',
        risk: 'standard',
        currentStage: 1,
        closedAt,
        workingDaysToClose: closedAt ? 40 : null,
        // as the case repository writes it: the latest of the breaches
        lastBreachAt: breaches.length > 0 ? new Date(breaches.sort().at(-1)!) : null,
      })
      .returning({ id: cases.id });
    await database.db.insert(stages).values({
      caseId: row!.id,
      policyId: policy,
      caseRaisedAt: new Date('2026-10-01T09:00:00Z'),
      number: 1,
      startedAt: new Date('2026-10-01T09:00:00Z'),
      enteredBy: 'raise',
      breaches: breaches.map(breachAt),
      completedAt: closedAt,
      workingDaysTaken: closedAt ? 40 : null,
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    // this month's breaches: on a case still open, and on one closed after it
    await seedCase('NEL-2026-0001', 'nel', null, ['2026-11-20T17:00:00Z', '2026-12-04T17:00:00Z']);
    await seedCase('NEL-2026-0002', 'nel', new Date('2026-12-10T12:00:00Z'), [
      '2026-12-03T17:00:00Z',
    ]);
    // last month's, on a case closed before this month began
    await seedCase('NEL-2026-0003', 'nel', new Date('2026-11-25T12:00:00Z'), [
      '2026-11-18T17:00:00Z',
    ]);
    // another partnership's
    await seedCase('KIR-2026-0001', 'kirklees', null, ['2026-12-04T17:00:00Z']);
  }, 60_000);

  afterAll(async () => {
    await database?.destroy();
  });

  it("counts this month's breaches of the partnership's open cases and of those closed since", async () => {
    const counts = await overview.counts(database.db, december);
    expect(counts.breachesThisMonth).toBe(2);
    expect(counts.resolvedThisMonth).toBe(1);
    expect(counts.resolvedForMedian).toBe(2);
    expect(counts.medianWorkingDaysToResolve).toBe(40);
  });

  it('counts none in a month before any deadline was missed', async () => {
    const counts = await overview.counts(database.db, {
      ...december,
      monthFrom: new Date('2026-09-01T00:00:00Z'),
      monthBefore: new Date('2026-10-01T00:00:00Z'),
    });
    expect(counts.breachesThisMonth).toBe(0);
    expect(counts.resolvedThisMonth).toBe(0);
  });
});
