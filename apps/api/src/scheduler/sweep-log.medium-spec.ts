import request from 'supertest';
import { memoryLog, testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

describe.each(testEngines())('a sweep asked for through the API, logged, on %s', (engine) => {
  let api: ApiHarness;
  const captured = memoryLog('api', 'debug');
  beforeAll(async () => {
    api = await startApiHarness(engine, undefined, { log: captured.log });
  }, 60_000);
  afterAll(() => api.close());

  it('logs scheduler.sweep at info, as requested, with its counts and duration', async () => {
    await request(api.server)
      .post('/api/v1/scheduler/run')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .set('X-Request-Id', 'sweep-by-hand-1')
      .expect(200);
    expect(captured.entries().filter((entry) => entry.event === 'scheduler.sweep')).toEqual([
      expect.objectContaining({
        level: 'info',
        role: 'scheduler',
        kind: 'requested',
        counts: expect.objectContaining({ reminders: 0, breaches: 0, failed: 0 }),
        durationMs: expect.any(Number),
      }),
    ]);
  });
});
