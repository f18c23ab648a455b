import request from 'supertest';
import { testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

describe.each(testEngines())('health and authentication on %s', (engine) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(engine);
  }, 60_000);
  afterAll(() => api.close());

  it('answers /health without a key when the database answers', async () => {
    await request(api.server).get('/health').expect(200, { status: 'ok', database: 'ok' });
  });

  it('refuses the API without a key, in the error shape', async () => {
    const response = await request(api.server).get('/api/v1/cases').expect(401);
    expect(response.body).toEqual({
      error: { code: 'unauthorized', message: expect.stringContaining('Bearer') },
    });
  });
});
