import request from 'supertest';
import { memoryLog, testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(testEngines())('request ids and the request log, on %s', (engine) => {
  let api: ApiHarness;
  const captured = memoryLog('api', 'debug');
  beforeAll(async () => {
    api = await startApiHarness(engine, undefined, { log: captured.log });
  }, 60_000);
  afterAll(() => api.close());
  beforeEach(() => {
    captured.lines.length = 0;
  });

  const get = (path: string) =>
    request(api.server).get(path).set('Authorization', `Bearer ${api.adminKey}`);
  const requestLines = () => captured.entries().filter((entry) => entry.event === 'http.request');

  it('echoes the caller’s X-Request-Id and logs the request under it', async () => {
    const response = await get('/api/v1/policies')
      .set('X-Request-Id', 'proxy-7f3a.42:9_z')
      .expect(200);
    expect(response.headers['x-request-id']).toBe('proxy-7f3a.42:9_z');
    expect(requestLines()).toEqual([
      {
        level: 'info',
        time: expect.any(String),
        role: 'api',
        requestId: 'proxy-7f3a.42:9_z',
        event: 'http.request',
        msg: 'request completed',
        method: 'GET',
        route: '/api/v1/policies',
        status: 200,
        durationMs: expect.any(Number),
      },
    ]);
  });

  it('makes an id of its own when the caller sends none, a new one each time', async () => {
    const first = (await get('/api/v1/policies').expect(200)).headers['x-request-id'] as string;
    const second = (await get('/api/v1/policies').expect(200)).headers['x-request-id'] as string;
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(second).not.toBe(first);
    expect(requestLines().map((entry) => entry.requestId)).toEqual([first, second]);
  });

  it.each([
    ['too long', 'x'.repeat(65)],
    ['with spaces', 'Zebedee Quill'],
    ['with an address', 'priya.okonkwo@riverside.example'],
  ])('replaces an X-Request-Id %s, and does not log it', async (_, given) => {
    const response = await get('/api/v1/policies').set('X-Request-Id', given).expect(200);
    expect(response.headers['x-request-id']).toMatch(UUID);
    expect(captured.lines.join('\n')).not.toContain(given);
  });

  it('logs the route’s pattern and the case reference, never the URL, its query or a header', async () => {
    await get('/api/v1/cases/NEL-2026-0999').expect(404);
    await get('/api/v1/cases?q=Zebedee&policy=nel').expect((response) => {
      expect(response.status).toBeLessThan(500);
    });
    expect(requestLines()).toEqual([
      expect.objectContaining({
        route: '/api/v1/cases/:ref',
        caseRef: 'NEL-2026-0999',
        status: 404,
      }),
      expect.objectContaining({ route: '/api/v1/cases' }),
    ]);
    const logged = captured.lines.join('\n');
    expect(logged).not.toMatch(/Zebedee|Bearer|authorization/i);
    expect(logged).not.toContain(api.adminKey);
  });

  it('logs a request no route answers without a route', async () => {
    await get('/api/v1/no-such-thing').expect(404);
    expect(requestLines()).toEqual([
      expect.objectContaining({ method: 'GET', route: null, status: 404 }),
    ]);
  });

  it('logs health probes at debug, so LOG_LEVEL=info leaves them out', async () => {
    await request(api.server).get('/health').expect(200);
    expect(requestLines()).toEqual([
      expect.objectContaining({ level: 'debug', route: '/health', status: 200 }),
    ]);
  });
});
