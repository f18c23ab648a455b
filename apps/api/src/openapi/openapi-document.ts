import { z } from 'zod';
import { API_ROUTES, type ApiRoute } from './api-routes';

const ERROR = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

function operation(route: ApiRoute) {
  const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (route.query) {
    const schema = jsonSchema(route.query) as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      parameters.push({
        name,
        in: 'query',
        required: schema.required?.includes(name) ?? false,
        schema: property as { type: string },
      });
    }
  }
  const responses: Record<string, unknown> = {
    '200': { description: 'OK', content: { [route.produces ?? 'application/json']: {} } },
    '400': {
      description: 'A bad body or query: each bad field named',
      content: { 'application/json': { schema: ERROR } },
    },
  };
  if (route.roles) {
    responses['401'] = {
      description: 'No valid API key',
      content: { 'application/json': { schema: ERROR } },
    };
    responses['403'] = {
      description: "The key's role may not do this",
      content: { 'application/json': { schema: ERROR } },
    };
  }
  return {
    summary: route.summary,
    ...(route.roles
      ? { security: [{ apiKey: [] }], description: `Roles: ${route.roles.join(', ')}` }
      : { security: [] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body) } },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document, built from the same zod schemas the API validates with. */
export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    paths[route.path] = { ...paths[route.path], [route.method]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Escalations API',
      version: '1',
      description:
        'For administrators and auditors of safeguarding escalations. Send `Authorization: Bearer <api key>`.',
    },
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
    security: [{ apiKey: [] }],
    paths,
  };
}
