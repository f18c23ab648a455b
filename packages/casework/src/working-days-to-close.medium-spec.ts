import { CaseRepository, cases } from '@escalations/db';
import { createTestDatabase, testEngines, type TestDatabase } from '@escalations/db/testing';
import type { Actor } from '@escalations/domain';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { eq } from 'drizzle-orm';
import { Casework, type CaseworkResult } from './casework';
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

// The overview reads each closed case's working days, and each case's latest breach, from its
// row: they must be written in the same save that closes it or records the breach.
describe.each(testEngines())(
  "the case row's working days to close and latest breach, on %s",
  (engine) => {
    let database: TestDatabase;
    let now: Date;
    let casework: Casework;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
    }, 60_000);
    afterAll(() => database.destroy());

    const stored = async (ref: string) => {
      const [row] = await database.db
        .select({ days: cases.workingDaysToClose, lastBreachAt: cases.lastBreachAt })
        .from(cases)
        .where(eq(cases.ref, ref));
      return row!;
    };

    it('are written as the case is breached and resolved: the latest breach, the sum of its stages', async () => {
      now = new Date('2026-12-01T10:00:00Z');
      casework = new Casework({
        database: database.db,
        library,
        clock: () => now,
        mail: testMailSettings(),
      });
      const { ref } = ok(await casework.open(nelCase(now), practitioner));
      expect((await stored(ref)).lastBreachAt).toBeNull();
      // stage 1 (5 working days) missed: the breach is dated at its due instant
      now = new Date('2026-12-08T17:30:00Z');
      ok(await casework.apply(ref, { kind: 'breach', stage: 1 }, scheduler));
      const breachAt = (await new CaseRepository().findByRef(database.db, ref))!.state.stages[0]!
        .breaches[0]!.at;
      expect((await stored(ref)).lastBreachAt).toEqual(new Date(breachAt));

      now = new Date('2026-12-09T10:00:00Z');
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
      expect((await stored(ref)).days).toBeNull();

      now = new Date('2026-12-15T10:00:00Z');
      ok(
        await casework.apply(ref, { kind: 'resolve', outcome: 'Assessment agreed' }, practitioner),
      );
      const state = (await new CaseRepository().findByRef(database.db, ref))!.state;
      const taken = state.stages.map((stage) => stage.workingDaysTaken);
      expect(taken.every((days) => typeof days === 'number')).toBe(true);
      expect((await stored(ref)).days).toBe(taken.reduce<number>((sum, days) => sum + days!, 0));
      expect((await stored(ref)).days).toBeGreaterThan(0);
      expect((await stored(ref)).lastBreachAt).toEqual(new Date(breachAt));
    });
  },
);
