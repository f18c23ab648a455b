import { CaseRepository, EventRepository } from '@escalations/db';
import { createTestDatabase, testEngines, type TestDatabase } from '@escalations/db/testing';
import type { Actor } from '@escalations/domain';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { Casework, type LockedCase } from './casework';
import { nelCase, testMailSettings } from './testing';

// Issue 16: the mail pipeline "decides who acts from an unlocked read". Who may act, and
// how, is judged on the state the command is applied to: the decision runs under the case's
// lock, and a second command on the case decides only once the first has committed.
const library = readPolicyLibrary(defaultPoliciesDir(__dirname));
const practitioner: Actor = {
  kind: 'participant',
  id: 'asha.patel@school.example.org',
  verified: true,
};

describe.each(testEngines())('deciding under the case lock, on %s', (engine) => {
  let database: TestDatabase;
  let casework: Casework;
  let ref: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine, { poolSize: 10 });
    casework = new Casework({
      database: database.db,
      library,
      clock: () => new Date('2026-12-23T10:00:05Z'),
      mail: testMailSettings(),
    });
    const opened = await casework.open(nelCase(new Date('2026-12-23T10:00:00Z')), practitioner);
    if (!opened.ok) throw new Error(opened.refusal.message);
    ref = opened.ref;
  }, 180_000);
  afterAll(() => database.destroy());

  it('a second decision waits for the first to commit, and sees what it wrote', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    const seen: { first?: LockedCase; second?: LockedCase } = {};

    const first = casework.decideAndApply(ref, async (_tx, locked) => {
      seen.first = locked;
      firstStarted();
      await gate;
      return { act: { command: { kind: 'note', note: 'first' }, actor: practitioner } };
    });
    await started;
    const second = casework.decideAndApply(ref, (_tx, locked) => {
      seen.second = locked;
      return { act: { command: { kind: 'note', note: 'second' }, actor: practitioner } };
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.second).toBeUndefined();
    release();
    const results = await Promise.all([first, second]);

    expect(results.map((result) => result.ok)).toEqual([true, true]);
    expect(seen.second!.state.version).toBe(seen.first!.state.version + 1);
    expect(seen.second!.id).toBe(seen.first!.id);
  });

  it('a declined decision changes nothing and comes back as it was given', async () => {
    const before = await new CaseRepository().findByRef(database.db, ref);
    const events = await new EventRepository().listForCase(database.db, before!.id);

    const result = await casework.decideAndApply(ref, () => ({ decline: { why: 'not on it' } }));

    expect(result).toEqual({
      ok: false,
      declined: { why: 'not on it' },
      caseId: before!.id,
      ref,
    });
    const after = await new CaseRepository().findByRef(database.db, ref);
    expect(after!.state).toEqual(before!.state);
    expect(await new EventRepository().listForCase(database.db, before!.id)).toHaveLength(
      events.length,
    );
  });

  it('answers a reference that names no case without deciding anything', async () => {
    let decided = false;
    const result = await casework.decideAndApply('NEL-2026-9999', () => {
      decided = true;
      return { decline: 'never' };
    });
    expect(decided).toBe(false);
    expect(result).toMatchObject({ ok: false, refusal: { code: 'no-case' } });
  });
});
