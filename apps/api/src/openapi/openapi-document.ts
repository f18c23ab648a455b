import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ErrorResponseSchema } from '../common/error.schema';
import { API_ROUTES, API_TAGS, type ApiRoute } from './api-routes';

const DESCRIPTIONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted: stored, to be processed',
  400: 'A bad body, query or path: each bad field named in details',
  401: 'No API key (or metrics token), or one not valid or revoked',
  403: "The key's role may not do this (or it needs the operator's key)",
  404: "Not found, or another partnership's: the same answer",
  409: 'Refused in the state it is in (the error code says why)',
  413: 'The body is larger than allowed',
  415: 'The body is not of a type this route takes',
  503: 'The database is not answering',
};

const SECURITY_SCHEME = {
  type: 'http',
  scheme: 'bearer',
  description:
    'An API key: `Authorization: Bearer <key>`. Each key has one role (admin, auditor or inbound): ' +
    "an operation's security requirement lists the roles that may call it. A key is also scoped: " +
    "to the operator's (`*`), which sees every partnership, or to one or more partnerships (policy " +
    "ids), which see their own cases, mail, reports and keys only; another partnership's case, " +
    'policy or message is answered 404, exactly as one that does not exist. A sweep or a ' +
    "calendar reload acts on every partnership and needs the operator's admin key.",
} as const;

/** The statuses a route may answer, each with its schema (null: a file, not JSON). */
export function responsesOf(route: ApiRoute): Map<number, z.ZodType | null> {
  const responses = new Map<number, z.ZodType | null>([
    [route.status ?? 200, route.response ?? null],
  ]);
  const hasInput = route.body || route.query || route.rawBody || route.path.includes('{');
  const errors = [
    ...(hasInput ? [400] : []),
    ...(route.roles ? [401, 403] : []),
    ...(route.metricsToken ? [401] : []),
    ...(route.errors ?? []),
  ];
  for (const status of errors) responses.set(status, ErrorResponseSchema);
  return responses;
}

function pathParameters(route: ApiRoute) {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  return names.length > 0
    ? z.object(Object.fromEntries(names.map((name) => [name, z.string().min(1)])))
    : undefined;
}

function register(registry: OpenAPIRegistry, route: ApiRoute) {
  const params = pathParameters(route);
  const responses = Object.fromEntries(
    [...responsesOf(route)].map(([status, schema]) => [
      status,
      {
        description: DESCRIPTIONS[status]!,
        content: {
          [schema || status >= 400 ? 'application/json' : route.produces!]: schema
            ? { schema }
            : {},
        },
      },
    ]),
  );
  registry.registerPath({
    method: route.method,
    path: route.path,
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    // OpenAPI 3.1: for a scheme other than OAuth the list names the roles required.
    security: route.roles
      ? [{ apiKey: [...route.roles] }]
      : route.metricsToken
        ? [{ metricsToken: [] }]
        : [],
    ...(route.roles ? { description: `Roles: ${route.roles.join(', ')}` } : {}),
    request: {
      ...(params ? { params } : {}),
      ...(route.query ? { query: route.query as z.ZodObject } : {}),
      ...(route.body
        ? { body: { required: true, content: { 'application/json': { schema: route.body } } } }
        : {}),
      ...(route.rawBody
        ? {
            body: {
              required: true,
              content: Object.fromEntries(
                route.rawBody.map((type) => [
                  type,
                  { schema: z.string().meta({ format: 'binary' }) },
                ]),
              ),
            },
          }
        : {}),
    },
    responses,
  });
}

/**
 * The OpenAPI 3.1 document, generated from the zod schemas the API validates its requests
 * with and its tests validate its answers against (API_ROUTES).
 */
export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiKey', SECURITY_SCHEME);
  registry.registerComponent('securitySchemes', 'metricsToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'METRICS_TOKEN, for Prometheus: `Authorization: Bearer <token>`; not an API key',
  });
  for (const route of API_ROUTES) register(registry, route);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Escalations API',
      version: '1',
      description:
        'For administrators and auditors of safeguarding escalations. Send `Authorization: Bearer <api key>`.',
    },
    tags: API_TAGS.map((name) => ({ name })),
    security: [{ apiKey: [] }],
  });
}
