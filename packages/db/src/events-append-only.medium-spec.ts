import { eq, sql } from 'drizzle-orm';
import { cases, events } from './schema';
import { createTestDatabase, testEngines, type TestDatabase } from './testing';

describe.each(testEngines())('the audit trail on %s', (engine) => {
  let database: TestDatabase;
  let caseId: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const [row] = await database.db
      .insert(cases)
      .values({
        ref: 'NEL-2026-0001',
        policyId: 'nel',
        status: 'open',
        version: 1,
        raisedAt: new Date('2026-12-23T10:00:00Z'),
        caseName: 'Child A',
        agency: 'School',
        otherAgency: "Children's Services",
        disagreement: 'Threshold',
        category: 'other',
        risk: 'standard',
        currentStage: 1,
      })
      .returning({ id: cases.id });
    caseId = row!.id;
    await database.db.insert(events).values({
      caseId,
      seq: 1,
      type: 'case-raised',
      at: new Date('2026-12-23T10:00:00Z'),
      stage: 1,
      actor: 'asha@school.example.org',
      verified: true,
      data: { policy: 'nel' },
    });
  }, 60_000);

  afterAll(() => database.destroy());

  it('keeps what was appended', async () => {
    const rows = await database.db.select().from(events).where(eq(events.caseId, caseId));
    expect(rows).toEqual([
      expect.objectContaining({ seq: 1, type: 'case-raised', data: { policy: 'nel' } }),
    ]);
  });

  it.each([
    [
      'an update',
      () =>
        database.db.update(events).set({ actor: 'someone else' }).where(eq(events.caseId, caseId)),
    ],
    ['a delete', () => database.db.delete(events).where(eq(events.caseId, caseId))],
    ['a truncate', () => database.db.execute(sql`truncate events`)],
  ])('refuses %s, in the database itself', async (_, attempt) => {
    const error = await attempt().then(
      () => null,
      (failure: unknown) => failure,
    );
    // drizzle wraps the driver's error; the database's own words are in its cause
    expect(String((error as { cause?: Error } | null)?.cause?.message)).toMatch(
      /events are append-only: (UPDATE|DELETE|TRUNCATE)/,
    );
    const rows = await database.db.select().from(events).where(eq(events.caseId, caseId));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor).toBe('asha@school.example.org');
  });

  it('refuses a second event with the same sequence number', async () => {
    await expect(
      database.db.insert(events).values({
        caseId,
        seq: 1,
        type: 'noted',
        at: new Date(),
        stage: 1,
        actor: 'x',
        verified: true,
        data: {},
      }),
    ).rejects.toThrow();
  });
});
