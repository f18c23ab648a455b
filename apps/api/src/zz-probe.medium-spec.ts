import request from 'supertest';
import { startApiHarness, type ApiHarness } from './testing/api-harness';

describe.each(['pglite', 'postgres'] as const)('probe %s', (engine) => {
  let api: ApiHarness;
  beforeAll(async () => { api = await startApiHarness(engine); }, 60_000);
  afterAll(() => api.close());
  it('probes', async () => {
    const form = { policy: 'nel', caseName: 'C', agency: 'A', otherAgency: 'B', disagreement: 'D', raisedBy: { email: 'a@b.example.org' } };
    const a = await request(api.server).post('/api/v1/cases').set('Authorization', `Bearer ${api.adminKey}`).send({ ...form, raisedAt: '2015-01-01T10:00:00Z' });
    console.log(a.status, a.text.slice(0, 300));
    const cursor = Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', 'x'])).toString('base64url');
    const b = await request(api.server).get('/api/v1/cases').query({ cursor }).set('Authorization', `Bearer ${api.adminKey}`);
    console.log(b.status, b.text.slice(0, 300));
    const c = await request(api.server).post('/api/v1/cases').set('Authorization', `Bearer ${api.adminKey}`).send({ ...form });
    console.log(c.status, JSON.stringify(c.body, null, 1));
    const d = await request(api.server).get('/api/v1/cases?limit=0').set('Authorization', `Bearer ${api.adminKey}`);
    console.log(d.status, d.text.slice(0, 300));
    const e = await request(api.server).post('/api/v1/cases').set('Authorization', `Bearer ${api.adminKey}`).send({ ...form, raisedAt: '2026-11-24T10:00:00' });
    console.log(e.status, e.text.slice(0, 300));
  });
});
