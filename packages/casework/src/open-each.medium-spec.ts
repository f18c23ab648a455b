import { CaseRepository, EventRepository, OutboxRepository } from '@escalations/db';
import { createTestDatabase, testEngines, type TestDatabase } from '@escalations/db/testing';
import type { Actor } from '@escalations/domain';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { Casework, type CaseworkResult, type OpenItem } from './casework';
import { nelCase, RAISING_PRACTITIONER, testMailSettings } from './testing';

// Issue 16: the new escalations one lease brings in are opened together, in one transaction
// with a statement a table, as the scheduler applies its batches. Each must come out as
// `open` would make it alone: references in order and without gaps, a refusal alone, and a
// failure never losing the others.
const library = readPolicyLibrary(defaultPoliciesDir(__dirname));
const raisedAt = new Date('2026-12-23T10:00:00Z');
const scheduler: Actor = { kind: 'scheduler', id: 'scheduler', verified: true };

const kirklees = (caseName: string): OpenItem => ({
  input: { ...nelCase(raisedAt, { caseName }), policyId: 'kirklees' },
  actor: RAISING_PRACTITIONER,
});
const nel = (caseName: string, actor: Actor = RAISING_PRACTITIONER): OpenItem => ({
  input: nelCase(raisedAt, { caseName }),
  actor,
});

/** Casework that counts the batches it fell back to opening case by case. */
class CountingCasework extends Casework {
  fellBack = 0;
  protected override openEachAlone(items: readonly OpenItem[]) {
    this.fellBack += 1;
    return super.openEachAlone(items);
  }
}

function opened(outcome: { result: CaseworkResult } | { error: unknown } | undefined) {
  if (!outcome || !('result' in outcome) || !outcome.result.ok)
    throw new Error(`not opened: ${JSON.stringify(outcome)}`);
  return outcome.result;
}

describe.each(testEngines())('opening several new cases together, on %s', (engine) => {
  let database: TestDatabase;
  let alone: TestDatabase;
  const caseworkOn = (db: TestDatabase) =>
    new CountingCasework({
      database: db.db,
      library,
      clock: () => new Date('2026-12-23T10:00:05Z'),
      mail: testMailSettings(),
    });

  beforeAll(async () => {
    [database, alone] = await Promise.all([createTestDatabase(engine), createTestDatabase(engine)]);
  }, 180_000);
  afterAll(() => Promise.all([database.destroy(), alone.destroy()]));

  it('gives each policy its references in order, a refused raise none, and each case what open gives it', async () => {
    const items = [nel('Child A'), kirklees('Child B'), nel('Child C', scheduler), nel('Child D')];
    const together = caseworkOn(database);
    const outcomes = await together.openEach(items);

    // opened in the one transaction, not by the fallback that opens each alone
    expect(together.fellBack).toBe(0);
    expect(outcomes.map((outcome) => ('result' in outcome ? outcome.result.ok : 'error'))).toEqual([
      true,
      true,
      false,
      true,
    ]);
    const refused = outcomes[2]!;
    expect('result' in refused && !refused.result.ok && refused.result.refusal.code).toBe(
      'not-entitled',
    );
    const [a, b, , d] = [0, 1, 2, 3].map((i) => (i === 2 ? null : opened(outcomes[i])));
    expect([a!.ref, b!.ref, d!.ref]).toEqual(['NEL-2026-0001', 'KSCP-2026-0001', 'NEL-2026-0002']);

    // the same raises opened one by one, elsewhere, make the same cases
    const one = caseworkOn(alone);
    const single = [];
    for (const item of [items[0]!, items[1]!, items[3]!])
      single.push(await one.open(item.input, item.actor, item.origin));
    const cases = new CaseRepository();
    const events = new EventRepository();
    for (const [i, batched] of [a!, b!, d!].entries()) {
      const byItself = single[i]!;
      if (!byItself.ok) throw new Error(byItself.refusal.message);
      expect(batched.state).toEqual(byItself.state);
      expect(batched.noticeKeys).toEqual(byItself.noticeKeys);
      const stored = await cases.findByRef(database.db, batched.ref);
      expect(stored?.state).toEqual(batched.state);
      const kept = await events.listForCase(database.db, batched.caseId);
      const keptAlone = await events.listForCase(alone.db, byItself.caseId);
      expect(kept.map((event) => [event.seq, event.type])).toEqual(
        keptAlone.map((event) => [event.seq, event.type]),
      );
    }
    const queued = await new OutboxRepository().countPending(database.db);
    const queuedAlone = await new OutboxRepository().countPending(alone.db);
    expect(queued).toBe(queuedAlone);
    expect(queued).toBeGreaterThanOrEqual(3);

    // the next case alone takes the next reference: the refused raise took none
    const next = await caseworkOn(database).open(nelCase(raisedAt), RAISING_PRACTITIONER);
    expect(next.ok && next.ref).toBe('NEL-2026-0003');
  });

  it('opens the others when one case fails to write, each alone, and keeps nothing of the failed one', async () => {
    const failing: OpenItem = {
      ...nel('Child F'),
      origin: {
        alsoInTransaction: () => Promise.reject(new Error('the message could not be settled')),
      },
    };
    const outcomes = await caseworkOn(database).openEach([nel('Child E'), failing, nel('Child G')]);

    expect(opened(outcomes[0]).ref).toBe('NEL-2026-0004');
    expect(outcomes[1]).toEqual({ error: new Error('the message could not be settled') });
    expect(opened(outcomes[2]).ref).toBe('NEL-2026-0005');
    const next = await caseworkOn(database).open(nelCase(raisedAt), RAISING_PRACTITIONER);
    expect(next.ok && next.ref).toBe('NEL-2026-0006');
  });
});
