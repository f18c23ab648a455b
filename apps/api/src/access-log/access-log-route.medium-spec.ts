import request from 'supertest';
import { testEngines } from '@escalations/db/testing';
import { ApiKeyService } from '../auth/api-key.service';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

interface Entry {
  at: string;
  key: { id: string; label: string };
  route: string;
  status: number;
  caseRefs: string[];
}

/** GET /api/v1/access-log: who read what, by days, key and case, within the caller's scope. */
describe.each(testEngines())('GET /api/v1/access-log on %s', (engine) => {
  let api: ApiHarness;
  const keys = { nel: { id: '', key: '' }, kirklees: { id: '', key: '' } };
  const refs = { nel: '', kirklees: '' };

  const open = async (policy: string) => {
    const response = await request(api.server)
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .send({
        policy,
        caseName: 'Child M',
        agency: 'Riverside Primary School',
        otherAgency: "Children's Services",
        disagreement: 'Threshold',
        raisedBy: { name: 'Asha Patel', email: 'asha.patel@riverside.example.org' },
      })
      .expect(201);
    return (response.body as { ref: string }).ref;
  };
  const read = (key: string, path: string) =>
    request(api.server).get(path).set('Authorization', `Bearer ${key}`);
  /** The log's answer, leaving out the reads of the log itself (each call adds one). */
  const log = async (key: string, query: Record<string, string> = {}) => {
    const response = await read(key, '/api/v1/access-log').query(query).expect(200);
    const body = response.body as { entries: Entry[]; nextCursor: string | null };
    return {
      ...body,
      entries: body.entries.filter((entry) => !entry.route.startsWith('GET /api/v1/access-log')),
      all: body.entries,
    };
  };

  beforeAll(async () => {
    api = await startApiHarness(engine);
    refs.nel = await open('nel');
    refs.kirklees = await open('kirklees');
    const service = api.app.get(ApiKeyService);
    for (const policy of ['nel', 'kirklees'] as const) {
      const created = await service.create('auditor', `${policy} audit`, [policy]);
      keys[policy] = { id: created.id, key: created.key };
    }
    // Tuesday: the operator's auditor reads both cases in one list; Wednesday: each
    // partnership's auditor reads its own case, and kirklees' tries nel's
    await read(api.auditorKey, '/api/v1/cases').expect(200);
    api.clock.now = new Date('2026-11-25T10:00:00Z');
    await read(keys.nel.key, `/api/v1/cases/${refs.nel}`).expect(200);
    await read(keys.kirklees.key, `/api/v1/cases/${refs.kirklees}`).expect(200);
    await read(keys.kirklees.key, `/api/v1/cases/${refs.nel}`).expect(404);
  }, 60_000);
  afterAll(() => api.close());

  it('gives the operator every read, newest first: key label, route, status, time, cases', async () => {
    const { entries } = await log(api.auditorKey, { from: '2026-11-24', to: '2026-11-25' });
    expect(entries.slice(0, 4)).toEqual([
      {
        at: '2026-11-25T10:00:00.000Z',
        key: { id: keys.kirklees.id, label: 'kirklees audit' },
        route: `GET /api/v1/cases/${refs.nel}`,
        status: 404,
        caseRefs: [],
      },
      expect.objectContaining({ status: 200, caseRefs: [refs.kirklees] }),
      expect.objectContaining({ key: { id: keys.nel.id, label: 'nel audit' } }),
      {
        at: '2026-11-24T10:00:00.000Z',
        key: { id: expect.any(String), label: 'test auditor' },
        route: 'GET /api/v1/cases',
        status: 200,
        caseRefs: expect.arrayContaining([refs.nel, refs.kirklees]),
      },
    ]);
  });

  it('filters by days, by key and by case, and pages with a cursor', async () => {
    const tuesday = await log(api.auditorKey, { to: '2026-11-24' });
    expect(tuesday.entries.map((entry) => entry.route)).toEqual(['GET /api/v1/cases']);
    const byKey = await log(api.auditorKey, { key: keys.nel.id });
    expect(byKey.entries.map((entry) => entry.route)).toEqual([`GET /api/v1/cases/${refs.nel}`]);
    const byCase = await log(api.auditorKey, { case: refs.kirklees, to: '2026-11-25' });
    expect(byCase.entries.map((entry) => entry.key.label)).toEqual([
      'kirklees audit',
      'test auditor',
    ]);
    const first = await log(api.auditorKey, { limit: '1', key: keys.kirklees.id });
    const second = await log(api.auditorKey, {
      limit: '1',
      key: keys.kirklees.id,
      cursor: first.nextCursor!,
    });
    expect([first.entries[0]!.route, second.entries[0]!.route, second.nextCursor]).toEqual([
      `GET /api/v1/cases/${refs.nel}`,
      `GET /api/v1/cases/${refs.kirklees}`,
      null,
    ]);
  });

  it("shows a partnership's key its own keys' reads and reads of its cases, no other's references", async () => {
    const { entries } = await log(keys.nel.key, { to: '2026-11-25' });
    expect(entries.map((entry) => [entry.key.label, entry.route, entry.caseRefs])).toEqual([
      ['nel audit', `GET /api/v1/cases/${refs.nel}`, [refs.nel]],
      // the operator's list held both cases: nel's key sees that it read nel's, not kirklees'
      ['test auditor', 'GET /api/v1/cases', [refs.nel]],
    ]);
    // kirklees' refused try at nel's case is kirklees' own read, not a read of nel's case;
    // the operator's reads of the log that held nel's case show no query naming kirklees'
    const { all } = await log(keys.nel.key, { to: '2026-11-25' });
    expect(all.length).toBeGreaterThan(entries.length);
    expect(JSON.stringify(all)).not.toMatch(/kirklees|KSCP/);
    // and a case of another partnership is not there to ask about
    const other = await read(keys.nel.key, `/api/v1/access-log?case=${refs.kirklees}`);
    const none = await read(keys.nel.key, '/api/v1/access-log?case=KSCP-2099-9999');
    expect([other.status, none.status]).toEqual([404, 404]);
  });

  it('refuses a key that is not an id and days the wrong way round, naming the field', async () => {
    for (const [query, field] of [
      [{ key: 'nel audit' }, 'key'],
      [{ from: '2026-11-25', to: '2026-11-24' }, 'to'],
      [{ cursor: 'abc' }, 'cursor'],
    ] as const) {
      const response = await read(api.auditorKey, '/api/v1/access-log').query(query).expect(400);
      expect(JSON.stringify(response.body)).toContain(field);
    }
  });
});
