import { cases } from '@escalations/db';
import {
  createTestDatabase,
  memoryLog,
  testEngines,
  type TestDatabase,
} from '@escalations/db/testing';
import { WorkerLoop } from './worker-loop';

const CHILD = 'Zebedee Quill-Marchbanks';

describe.each(testEngines())('a worker loop whose run fails, on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  }, 60_000);
  afterAll(() => database.destroy());

  it('logs the failure by kind and code, without the failing query’s parameters', async () => {
    const { log, lines, entries } = memoryLog('mail');
    let failed!: () => void;
    const done = new Promise<void>((resolve) => (failed = resolve));
    const loop = new WorkerLoop(
      'sender',
      async () => {
        try {
          // a case without its stage: the database refuses it, naming the row's values
          await database.db.insert(cases).values({
            ref: 'NEL-2026-0001',
            policyId: 'nel',
            status: 'open',
            version: 1,
            raisedAt: new Date('2026-12-01T10:00:00Z'),
            caseName: CHILD,
            agency: 'School',
            otherAgency: 'CS',
            disagreement: 'text',
            category: 'other',
            risk: 'standard',
            currentStage: null as unknown as number,
          });
          return false;
        } finally {
          failed();
        }
      },
      60_000,
      log,
    );
    loop.start();
    await done;
    await loop.stop();
    expect(lines).toHaveLength(1);
    expect(entries()[0]).toMatchObject({
      level: 'error',
      role: 'mail',
      event: 'loop.failed',
      loop: 'sender',
      error: expect.stringMatching(/^DrizzleQueryError \(insert into "cases"\) ← \w+ 23502 /),
    });
    expect(lines[0]).not.toContain(CHILD);
  });
});
