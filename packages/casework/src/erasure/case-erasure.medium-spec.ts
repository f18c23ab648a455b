import { CaseRepository, EventRepository } from '@escalations/db';
import { createTestDatabase, testEngines, type TestDatabase } from '@escalations/db/testing';
import type { Actor } from '@escalations/domain';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { Casework, type CaseworkResult } from '../casework';
import { testMailSettings } from '../testing';
import { CaseErasure, erasureMarker } from './case-erasure';

const library = readPolicyLibrary(defaultPoliciesDir(__dirname));
const raiser: Actor = { kind: 'participant', id: 'asha.patel@school.example.org', verified: true };

function ok(result: CaseworkResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
  return result;
}

describe.each(testEngines())('retention: the daily erasure on %s', (engine) => {
  let database: TestDatabase;
  let now: Date;
  let casework: Casework;
  let closedRef: string;
  let openRef: string;
  const closedAt = new Date('2026-12-23T11:00:00Z');
  const erasure = (retentionYears?: number) =>
    new CaseErasure({
      database: database.db,
      library,
      clock: () => now,
      ...(retentionYears ? { retentionYears } : {}),
    });

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    now = new Date('2026-12-23T10:00:00Z');
    casework = new Casework({
      database: database.db,
      library,
      clock: () => now,
      mail: testMailSettings(),
    });
    const raise = {
      policyId: 'nel',
      raisedAt: now,
      raisedBy: { name: 'Asha Patel', email: 'asha.patel@school.example.org' },
      caseName: 'Child A (NHS 943 476 5919)',
      agency: 'Grange Primary School',
      otherAgency: "Children's Services",
      disagreement: 'Referral closed without assessment',
      category: 'other',
      risk: 'standard' as const,
      startStage: 1,
      otherPractitioner: { email: 'sam.cole@council.example.gov.uk' },
    };
    closedRef = ok(await casework.open(raise, raiser)).ref;
    openRef = ok(await casework.open(raise, raiser)).ref;
    now = closedAt;
    ok(
      await casework.apply(
        closedRef,
        { kind: 'resolve', outcome: 'Assessment agreed for Child A' },
        raiser,
      ),
    );
  }, 180_000);
  afterAll(() => database.destroy());

  it('keeps a closed case whole until its policy’s retention (6 years after closure) has run', async () => {
    expect(library.policies.get('nel')!.retention.years).toBe(6);
    now = new Date('2032-12-22T12:00:00Z');
    expect(await erasure().eraseExpired()).toEqual([]);
  });

  it('a deployment’s RETENTION_YEARS overrides the policy’s', async () => {
    now = new Date('2032-12-24T12:00:00Z');
    expect(await erasure(10).eraseExpired()).toEqual([]);
  });

  it('erases it the day after, as its own event, and never an open case', async () => {
    now = new Date('2032-12-24T12:00:00Z');
    expect(await erasure().eraseExpired()).toEqual([closedRef]);
    const repository = new CaseRepository();
    const erased = await repository.findByRef(database.db, closedRef);
    const marker = erasureMarker(now);
    expect(marker).toBe('[erased 2032-12-24]');
    expect([erased!.state.caseName, erased!.state.disagreement, erased!.state.status]).toEqual([
      marker,
      marker,
      'resolved',
    ]);
    expect(erased!.state.participants.every((p) => p.email.startsWith(marker))).toBe(true);
    const events = await new EventRepository().listForCase(database.db, erased!.id);
    expect(events.at(-1)).toEqual(
      expect.objectContaining({
        type: 'personal-data-erased',
        actor: 'scheduler',
        data: { reason: 'retention: 6 years after closure (nel)', erasedAt: now.toISOString() },
      }),
    );
    const open = await repository.findByRef(database.db, openRef);
    expect(open!.state.caseName).toBe('Child A (NHS 943 476 5919)');
    // and only once
    expect(await erasure().eraseExpired()).toEqual([]);
  });

  it('an administrator’s erasure of a case already erased, or still open, changes nothing', async () => {
    expect(await erasure().erase(closedRef, 'again', 'api-key:admin')).toEqual({
      ok: false,
      code: 'already-erased',
    });
    expect(await erasure().erase(openRef, 'x', 'api-key:admin')).toEqual({
      ok: false,
      code: 'open',
    });
    expect(await erasure().erase('NEL-2026-9999', 'x', 'api-key:admin')).toEqual({
      ok: false,
      code: 'no-case',
    });
  });
});
