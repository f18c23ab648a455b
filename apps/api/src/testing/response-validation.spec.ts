import express from 'express';
import request from 'supertest';
import { responseProblem, validateResponsesAgainstDocument } from './response-validation';

const caseView = {
  ref: 'NEL-2026-0001',
  policy: 'nel',
  status: 'open',
  version: 1,
  raisedAt: '2026-11-24T10:00:00.000Z',
  caseName: 'Child M',
  agency: 'Riverside Primary School',
  otherAgency: "Children's Services",
  disagreement: 'Threshold',
  category: 'other',
  risk: 'standard',
  outcomeSought: null,
  attemptsSoFar: null,
  currentStage: 1,
  overallDueDate: null,
  overallDueAt: null,
  overallBreachedAt: null,
  closedAt: null,
  closingText: null,
  outstanding: [],
  proposal: null,
  participants: [],
  stages: [],
  automaticMail: [],
  failingAddresses: [],
};

describe('a response measured against the OpenAPI document', () => {
  it.each([
    ['a case as documented', 'GET', '/api/v1/cases/:ref', 200, caseView, null],
    [
      'a case with a field the document does not have yet',
      'GET',
      '/api/v1/cases/:ref',
      200,
      { ...caseView, steps: [] },
      null,
    ],
    [
      'a case without its reference',
      'GET',
      '/api/v1/cases/:ref',
      200,
      { ...caseView, ref: undefined },
      /GET \/api\/v1\/cases\/:ref 200: the body does not fit its documented schema: ref: /,
    ],
    [
      'a case with a status the domain does not have',
      'GET',
      '/api/v1/cases/:ref',
      200,
      { ...caseView, status: 'closed' },
      /status: /,
    ],
    [
      'a 404 in the error shape',
      'GET',
      '/api/v1/cases/:ref',
      404,
      { error: { code: 'not-found', message: 'case X was not found' } },
      null,
    ],
    [
      'a 404 not in the error shape',
      'GET',
      '/api/v1/cases/:ref',
      404,
      { message: 'Not Found' },
      /does not fit its documented schema: error: /,
    ],
    [
      'a status the route does not document',
      'GET',
      '/api/v1/policies',
      409,
      { error: { code: 'conflict', message: 'no' } },
      /GET \/api\/v1\/policies 409: the status is not documented \(documented: 200, 401, 403\)/,
    ],
    [
      'JSON from a route documented as a file',
      'GET',
      '/api/v1/cases/:ref/chronology.pdf',
      200,
      {},
      /documented as application\/pdf, answered JSON/,
    ],
    [
      'an error of no route in the error shape',
      'GET',
      undefined,
      404,
      { error: { code: 'not-found', message: 'Cannot GET /nowhere' } },
      null,
    ],
    ['an error of no route in another shape', 'POST', undefined, 413, 'too large', /\(body\)/],
    ['a success of a route not documented', 'GET', '/console', 200, { any: 'thing' }, null],
  ])('%s', (_, method, path, status, body, expected) => {
    const problem = responseProblem(method, path, status, body);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  it('turns an answer not as documented into a 500 naming what is wrong', async () => {
    const app = express();
    validateResponsesAgainstDocument(app);
    app.get('/api/v1/cases/:ref', (_request, response) => {
      response.json({ ...caseView, version: 'one' });
    });
    app.get('/api/v1/policies', (_request, response) => {
      response.json([]);
    });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const refused = await request(app).get('/api/v1/cases/NEL-2026-0001').expect(500);
      expect(refused.body).toEqual({
        error: {
          code: 'not-as-documented',
          message: expect.stringMatching(/^GET \/api\/v1\/cases\/:ref 200: .*version: /),
        },
      });
      expect(stderr).toHaveBeenCalledWith(
        expect.stringMatching(/^response not as documented: GET \/api\/v1\/cases\/:ref 200/),
      );
    } finally {
      stderr.mockRestore();
    }
    await request(app).get('/api/v1/policies').expect(200, []);
  });
});
