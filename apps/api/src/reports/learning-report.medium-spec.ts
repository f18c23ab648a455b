import { Casework } from '@escalations/casework';
import { accessLog } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { desc } from 'drizzle-orm';
import request from 'supertest';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/*
 * Issue 11, item 5: GET /api/v1/reports/learning?policy&from&to lists the learning sent with
 * LEARNING, by category and by agency ("records of any learning should be shared with the
 * KSCP Business unit"), and logs the read with the cases it names (ARCHITECTURE.md: every
 * read of case data writes one access_log row).
 */
describe.each(testEngines())('the learning report on %s', (engine) => {
  let api: ApiHarness;
  const refs: string[] = [];
  const admin = () => ({ Authorization: `Bearer ${api.adminKey}` });

  async function closedCase(at: string, agency: string, category: string, email: string) {
    api.clock.now = new Date(at);
    const raised = await request(api.server)
      .post('/api/v1/cases')
      .set(admin())
      .send({
        policy: 'kirklees',
        caseName: 'Child L',
        agency,
        otherAgency: "Children's Services",
        disagreement: 'Threshold',
        category,
        raisedBy: { name: 'Pat Practitioner', email },
      })
      .expect(201);
    const ref = (raised.body as { ref: string }).ref;
    await request(api.server)
      .post(`/api/v1/cases/${ref}/actions`)
      .set(admin())
      .send({ action: 'resolve', text: 'Agreed' })
      .expect(200);
    refs.push(ref);
    return ref;
  }

  async function learning(ref: string, at: string, email: string, text: string) {
    api.clock.now = new Date(at);
    const result = await api.app
      .get(Casework)
      .apply(
        ref,
        { kind: 'learning', learning: text },
        { kind: 'participant', id: email, verified: true },
      );
    expect(result).toMatchObject({ ok: true });
  }

  beforeAll(async () => {
    api = await startApiHarness(engine);
    const a = await closedCase(
      '2027-02-01T10:00:00Z',
      'Moorside Health',
      'assessment',
      'pat@health.example',
    );
    const b = await closedCase(
      '2027-02-02T10:00:00Z',
      'West Yorkshire Police',
      'assessment',
      'sam@police.example',
    );
    const c = await closedCase(
      '2027-02-03T10:00:00Z',
      'Moorside Health',
      'decision-making',
      'jo@health.example',
    );
    await learning(
      a,
      '2027-02-10T10:00:00Z',
      'pat@health.example',
      'Book the strategy call the same day.',
    );
    await learning(
      b,
      '2027-02-11T10:00:00Z',
      'sam@police.example',
      'Copy the DSL into the referral.',
    );
    await learning(c, '2027-03-01T10:00:00Z', 'jo@health.example', 'Outside the report period.');
  }, 120_000);
  afterAll(() => api.close());

  it('lists the learning between from and to, by category and by agency, and logs the cases it names', async () => {
    const response = await request(api.server)
      .get('/api/v1/reports/learning')
      .query({ policy: 'kirklees', from: '2027-02-01', to: '2027-02-28' })
      .set('Authorization', `Bearer ${api.auditorKey}`)
      .expect(200);
    const [a, b] = refs;
    const itemA = {
      ref: a,
      at: '2027-02-10T10:00:00.000Z',
      stage: 1,
      category: 'assessment',
      agency: 'Moorside Health',
      text: 'Book the strategy call the same day.',
    };
    const itemB = {
      ref: b,
      at: '2027-02-11T10:00:00.000Z',
      stage: 1,
      category: 'assessment',
      agency: 'West Yorkshire Police',
      text: 'Copy the DSL into the referral.',
    };
    expect(response.body).toEqual({
      policy: 'kirklees',
      from: '2027-02-01',
      to: '2027-02-28',
      learning: [itemA, itemB],
      byCategory: [
        { category: 'assessment', label: expect.any(String), count: 2, learning: [itemA, itemB] },
      ],
      byAgency: [
        { agency: 'Moorside Health', count: 1, learning: [itemA] },
        { agency: 'West Yorkshire Police', count: 1, learning: [itemB] },
      ],
    });
    const [logged] = await api.database.db
      .select()
      .from(accessLog)
      .orderBy(desc(accessLog.id))
      .limit(1);
    expect(logged).toMatchObject({
      path: expect.stringContaining('/api/v1/reports/learning'),
      status: 200,
    });
    expect([...logged!.caseRefs].sort()).toEqual([a, b].sort());
  });

  it('refuses from after to, naming it, and another policy has none', async () => {
    const refused = await request(api.server)
      .get('/api/v1/reports/learning')
      .query({ policy: 'kirklees', from: '2027-02-28', to: '2027-02-01' })
      .set(admin());
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('from must not be after to');
    const none = await request(api.server)
      .get('/api/v1/reports/learning')
      .query({ policy: 'nel' })
      .set(admin())
      .expect(200);
    expect(none.body).toMatchObject({ learning: [], byCategory: [], byAgency: [] });
  });
});
