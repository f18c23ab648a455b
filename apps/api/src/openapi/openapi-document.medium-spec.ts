import type { Application } from 'express';
import request from 'supertest';
import { testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';
import { API_ROUTES, API_TAGS, type ApiRoute } from './api-routes';

/**
 * Served but not in the document: the document and its viewer; the console's HTML pages;
 * the middleware Nest mounts on every path of every method (the request log), no endpoint.
 */
const CATCH_ALL = /^[\w-]+ \/\{\*path\}$/;
const NOT_DOCUMENTED = [/^get \/api\/docs(\/|$)/, /^\w+ \/console(\/|$)/, CATCH_ALL];

interface OpenApiDocument {
  openapi: string;
  tags: { name: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchemaObject>;
    securitySchemes: Record<string, { type: string; scheme: string; description: string }>;
  };
}

interface OpenApiOperation {
  operationId: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { content: Record<string, { schema?: { $ref?: string } }> }>;
}

interface JsonSchemaObject {
  type?: string;
  required?: string[];
  additionalProperties?: unknown;
  properties?: Record<string, unknown>;
}

const nameOf = (route: ApiRoute) => `${route.method} ${route.path}`;

function inOf(operation: OpenApiOperation, where: 'path' | 'query'): string[] {
  return (operation.parameters ?? []).filter((p) => p.in === where).map((p) => p.name);
}

describe.each(testEngines())('the OpenAPI document, on %s', (engine) => {
  let api: ApiHarness;
  let document: OpenApiDocument;

  beforeAll(async () => {
    api = await startApiHarness(engine);
    document = (await request(api.server).get('/api/docs/openapi.json').expect(200))
      .body as OpenApiDocument;
  }, 120_000);
  afterAll(() => api.close());

  /** Every method and path the application serves, as OpenAPI writes paths. */
  function served(): string[] {
    const express = api.app.getHttpAdapter().getInstance() as Application;
    return express.router.stack.flatMap((layer) =>
      layer.route
        ? layer.route.stack.map(
            (handler) => `${handler.method} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`,
          )
        : [],
    );
  }

  const documented = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );

  it('documents every route the application serves', () => {
    const undocumented = served().filter(
      (route) =>
        !documented().includes(route) && !NOT_DOCUMENTED.some((pattern) => pattern.test(route)),
    );
    expect(undocumented).toEqual([]);
    // one handler per method and path: a second would be shadowed without a word
    const endpoints = served().filter((route) => !CATCH_ALL.test(route));
    expect(endpoints).toHaveLength(new Set(endpoints).size);
  });

  it('documents no route the application does not serve', () => {
    expect(documented().filter((route) => !served().includes(route))).toEqual([]);
    expect(documented().sort()).toEqual(API_ROUTES.map(nameOf).sort());
  });

  it('gives each operation a unique operationId, a tag, and the roles that may call it', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.tags.map((tag) => tag.name)).toEqual([...API_TAGS]);
    expect(document.components.securitySchemes.apiKey).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      description: expect.stringContaining('partnership'),
    });
    const ids = API_ROUTES.map((route) => document.paths[route.path]![route.method]!.operationId);
    expect(new Set(ids).size).toBe(API_ROUTES.length);
    for (const route of API_ROUTES) {
      const operation = document.paths[route.path]![route.method]!;
      expect([nameOf(route), operation.operationId, operation.tags]).toEqual([
        nameOf(route),
        route.operationId,
        [route.tag],
      ]);
      expect([nameOf(route), operation.security]).toEqual([
        nameOf(route),
        route.roles ? [{ apiKey: route.roles }] : route.metricsToken ? [{ metricsToken: [] }] : [],
      ]);
    }
    expect(document.paths['/api/v1/cases']!.post!.security).toEqual([{ apiKey: ['admin'] }]);
    expect(document.paths['/api/v1/inbound']!.post!.security).toEqual([{ apiKey: ['inbound'] }]);
    expect(document.paths['/health/ready']!.get!.security).toEqual([]);
    expect(document.paths['/metrics']!.get!.security).toEqual([{ metricsToken: [] }]);
  });

  it('documents each answer: the JSON schema of a success, the one error shape of a failure', () => {
    for (const route of API_ROUTES) {
      const operation = document.paths[route.path]![route.method]!;
      const success = operation.responses[String(route.status ?? 200)]!;
      if (route.response) {
        expect([nameOf(route), success.content['application/json']?.schema]).toEqual([
          nameOf(route),
          expect.any(Object),
        ]);
      } else {
        expect([nameOf(route), Object.keys(success.content)]).toEqual([
          nameOf(route),
          [route.produces],
        ]);
      }
      const errors = Object.keys(operation.responses).filter((status) => Number(status) >= 400);
      expect([nameOf(route), errors]).toEqual([
        nameOf(route),
        expect.arrayContaining(route.roles ? ['401', '403'] : route.metricsToken ? ['401'] : []),
      ]);
      for (const status of errors)
        expect([nameOf(route), status, operation.responses[status]!.content]).toEqual([
          nameOf(route),
          status,
          { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        ]);
    }
    expect(document.components.schemas.Error).toMatchObject({
      type: 'object',
      required: ['error'],
      properties: {
        error: { type: 'object', required: ['code', 'message'] },
      },
    });
    const caseView = document.components.schemas.Case!;
    expect(caseView.required).toEqual(
      expect.arrayContaining(['ref', 'policy', 'status', 'stages', 'participants']),
    );
    expect(document.paths['/api/v1/cases/{ref}']!.get!.responses['404']).toBeDefined();
    // a sweep's timed steps (NEL's Chair's recommendation) beside its stage reminders and breaches
    expect(document.components.schemas.SweepReport!.required).toEqual(
      expect.arrayContaining(['reminders', 'breaches', 'stepReminders', 'stepBreaches']),
    );
    expect(document.paths['/api/v1/cases/{ref}/actions']!.post!.responses['409']).toBeDefined();
  });

  it('documents each request with its parameters and the schema its pipe validates with', () => {
    for (const route of API_ROUTES) {
      const operation = document.paths[route.path]![route.method]!;
      const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      expect([nameOf(route), inOf(operation, 'path')]).toEqual([nameOf(route), pathParameters]);
      if (route.body) {
        expect(operation.requestBody?.content['application/json']?.schema).toEqual(
          expect.any(Object),
        );
      } else if (route.rawBody) {
        expect(Object.keys(operation.requestBody?.content ?? {})).toEqual([...route.rawBody]);
      } else {
        expect([nameOf(route), operation.requestBody]).toEqual([nameOf(route), undefined]);
      }
      if (route.query) expect(inOf(operation, 'query').length).toBeGreaterThan(0);
    }

    const openCase = document.paths['/api/v1/cases']!.post!.requestBody!.content[
      'application/json'
    ]!.schema as JsonSchemaObject;
    expect(openCase.type).toBe('object');
    expect(openCase.additionalProperties).toBe(false);
    expect(openCase.required).toEqual(
      expect.arrayContaining(['policy', 'caseName', 'agency', 'otherAgency', 'raisedBy']),
    );
    expect(openCase.properties?.raisedBy).toMatchObject({
      type: 'object',
      properties: { email: expect.objectContaining({ type: 'string' }) },
      required: ['email'],
    });
    expect(Object.keys(openCase.properties ?? {})).toEqual(
      expect.arrayContaining(['startStage', 'raisedAt', 'category', 'risk', 'manager']),
    );

    const actions = JSON.stringify(
      document.paths['/api/v1/cases/{ref}/actions']!.post!.requestBody!.content['application/json']!
        .schema,
    );
    for (const action of [
      'resolve',
      'escalate',
      'extend',
      'reason',
      'note',
      'withdraw',
      'decision',
    ])
      expect(actions).toMatch(new RegExp(`"(const|enum)":\\[?"${action}"`));

    expect(inOf(document.paths['/api/v1/cases']!.get!, 'query')).toEqual(
      expect.arrayContaining(['policy', 'status', 'stage', 'overdue', 'agency', 'cursor', 'limit']),
    );
  });

  it('serves Swagger UI at /api/docs with every asset it loads', async () => {
    const page = await request(api.server).get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets).toEqual([
      '/api/docs/assets/swagger-ui.css',
      '/api/docs/assets/swagger-ui-bundle.js',
      '/api/docs/assets/docs-init.js',
    ]);
    for (const asset of assets) {
      const response = await request(api.server).get(asset).expect(200);
      expect(response.headers['content-type']).toMatch(
        asset.endsWith('.css') ? /^text\/css/ : /javascript/,
      );
      expect(Number(response.headers['content-length'] ?? response.text.length)).toBeGreaterThan(0);
    }
    const init = await request(api.server).get('/api/docs/assets/docs-init.js');
    expect(init.text).toContain("url: '/api/docs/openapi.json'");
  });
});
