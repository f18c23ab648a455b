import request from 'supertest';
import type { z } from 'zod';
import { testEngines } from '@escalations/db/testing';
import { API_ROUTES } from '../openapi/api-routes';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/** Every GET route with a query, and the names of its parameters (from the schema its pipe uses). */
const queried = API_ROUTES.filter((route) => route.method === 'get' && route.query).map(
  (route) => ({
    path: route.path,
    parameters: Object.keys((route.query as z.ZodObject).shape),
  }),
);
/** Every keyed route with a path parameter, the parameter given as `value`. */
const withPathParameter = (value: string) =>
  API_ROUTES.filter((route) => route.roles && route.path.includes('{')).map((route) => ({
    method: route.method,
    path: route.path.replace(/\{[^}]+\}/g, value),
  }));

describe.each(testEngines())('text that is not text, on %s', (engine) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(engine);
  }, 60_000);
  afterAll(() => api.close());

  const get = (path: string) =>
    request(api.server).get(path).set('Authorization', `Bearer ${api.adminKey}`);

  it('covers the routes it should', () => {
    expect(queried.map((route) => route.path)).toEqual(
      expect.arrayContaining([
        '/api/v1/calendars/{id}/working-days',
        '/api/v1/cases',
        '/api/v1/cases.csv',
        '/api/v1/reports/annual',
        '/api/v1/reports/timeliness',
      ]),
    );
  });

  it.each([
    ['a NUL', '%00', 'must not contain a NUL character'],
    ['a NUL inside', 'nel%00x', 'must not contain a NUL character'],
    ['a byte that is not UTF-8', '%FF', 'is not valid UTF-8'],
  ])('answers 400 naming any query parameter holding %s', async (_what, value, why) => {
    for (const route of queried) {
      const path = route.path.replace('{id}', 'england-and-wales');
      for (const parameter of route.parameters) {
        const response = await get(`${path}?${parameter}=${value}`);
        expect([route.path, parameter, response.status]).toEqual([route.path, parameter, 400]);
        expect(response.body).toEqual({
          error: {
            code: 'bad-request',
            message: `${parameter}: ${why}`,
            details: [{ field: parameter, message: why }],
          },
        });
      }
    }
  });

  it('names a parameter given twice, once with a NUL', async () => {
    const response = await get('/api/v1/cases?agency=School&agency=Sch%00ool').expect(400);
    expect(response.body.error.details).toEqual([
      { field: 'agency', message: 'must not contain a NUL character' },
    ]);
  });

  it.each(['NEL%00', 'NEL%FF', '%00'])(
    'answers a path parameter of %s with 400 or 404, never 500',
    async (value) => {
      for (const route of withPathParameter(value)) {
        const response = await request(api.server)
          [route.method](route.path)
          .set('Authorization', `Bearer ${api.adminKey}`)
          .send(route.method === 'post' ? {} : undefined);
        const status = [400, 404].includes(response.status) ? '400 or 404' : response.status;
        expect([route.path, status]).toEqual([route.path, '400 or 404']);
        expect(response.body.error.code).toMatch(/^(bad-request|not-found)$/);
      }
    },
  );

  it('looks through JSON nested as deep as the body limit allows without failing', async () => {
    const depth = 200_000;
    const response = await request(api.server)
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .set('Content-Type', 'application/json')
      .send(`{"caseName":${'['.repeat(depth)}"x\\u0000"${']'.repeat(depth)}}`);
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([
      { field: 'caseName.0.0.0.0.0.….0', message: 'must not contain a NUL character' },
    ]);
  });

  it('answers 400 naming a JSON string field that holds a NUL or a lone surrogate', async () => {
    const form = {
      policy: 'nel',
      caseName: 'Child M',
      agency: 'Riverside Primary School',
      otherAgency: "Children's Services",
      disagreement: 'Threshold',
      raisedBy: { name: 'Asha Patel', email: 'asha.patel@riverside.example.org' },
    };
    const post = (body: string) =>
      request(api.server)
        .post('/api/v1/cases')
        .set('Authorization', `Bearer ${api.adminKey}`)
        .set('Content-Type', 'application/json')
        .send(body);
    const nul = await post(JSON.stringify({ ...form, caseName: 'Child\u0000M' })).expect(400);
    expect(nul.body.error.details).toEqual([
      { field: 'caseName', message: 'must not contain a NUL character' },
    ]);
    const surrogate = await post(
      JSON.stringify({ ...form, raisedBy: { ...form.raisedBy, name: 'X' } }).replace(
        '"X"',
        '"\\ud800"',
      ),
    ).expect(400);
    expect(surrogate.body.error.details).toEqual([
      { field: 'raisedBy.name', message: 'is not valid UTF-8' },
    ]);
  });
});
