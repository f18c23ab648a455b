import { sql } from 'drizzle-orm';
import request from 'supertest';
import { memoryLog, testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

const CHILD = 'Zebedee Quill-Marchbanks';
const WORDS = 'the referral was closed although Zebedee disclosed twice';

describe.each(testEngines())('an unexpected failure in the API, on %s', (engine) => {
  let api: ApiHarness;
  // every line the API logs, at every level
  const captured = memoryLog('api', 'trace');
  beforeAll(async () => {
    api = await startApiHarness(engine, undefined, { log: captured.log });
    // A failure the API cannot foresee, with the case's details in the failing query's
    // parameters: the database refuses this one child's name.
    await api.database.db.execute(
      sql.raw(`alter table cases add constraint refuses_one_name check (case_name <> '${CHILD}')`),
    );
  }, 60_000);
  afterAll(async () => {
    await api.close();
  });

  it('is logged by reference and codes, without the case name or the text sent', async () => {
    const response = await request(api.server)
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .send({
        policy: 'nel',
        caseName: CHILD,
        agency: 'Riverside Primary School',
        otherAgency: "Children's Services",
        disagreement: WORDS,
        raisedBy: { name: 'Asha Patel', email: 'asha.patel@riverside.example.org' },
      })
      .expect(500);
    const reference = /reference (\w+)\)$/.exec(
      (response.body as { error: { message: string } }).error.message,
    )?.[1];
    expect(reference).toBeDefined();

    const requestId = response.headers['x-request-id'] as string;
    const entries = captured.entries();
    const line = entries.find((entry) => entry.event === 'http.unhandled-error');
    expect(line).toMatchObject({
      level: 'error',
      role: 'api',
      reference,
      requestId,
      error: expect.stringMatching(/^DrizzleQueryError \(insert into "cases"\) ← \w+ 23514 /),
    });
    expect(line!.error).toContain('constraint=refuses_one_name');
    // and the request itself, by route and status, under the same id
    expect(entries).toContainEqual(
      expect.objectContaining({
        level: 'error',
        event: 'http.request',
        requestId,
        method: 'POST',
        route: '/api/v1/cases',
        status: 500,
      }),
    );
    for (const logged of captured.lines) {
      expect(logged).not.toContain(CHILD);
      expect(logged).not.toContain('disclosed twice');
      expect(logged).not.toContain('asha.patel');
    }
  });
});
