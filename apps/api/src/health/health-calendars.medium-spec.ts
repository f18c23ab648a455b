import request from 'supertest';
import { testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

describe.each(testEngines())('/health and calendars that run out, on %s', (engine) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(engine);
  }, 60_000);
  afterAll(() => api.close());

  it('is ok more than 12 months before every calendar in use ends', async () => {
    api.clock.now = new Date('2029-12-30T12:00:00Z');
    const response = await request(api.server).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', calendars: { runningOut: [] } });
  });

  it('is degraded from 12 months before, naming each calendar and its last day', async () => {
    api.clock.now = new Date('2029-12-31T12:00:00Z');
    const response = await request(api.server).get('/health').expect(200);
    expect(response.body.status).toBe('degraded');
    expect(response.body.calendars.runningOut).toEqual([
      expect.objectContaining({ calendar: 'alderney', lastDay: '2030-12-31' }),
      {
        calendar: 'england-and-wales',
        lastDay: '2030-12-31',
        message: expect.stringContaining('the england-and-wales calendar ends on 2030-12-31'),
      },
      expect.objectContaining({ calendar: 'guernsey', lastDay: '2030-12-31' }),
    ]);
  });
});
