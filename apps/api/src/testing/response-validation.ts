import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorResponseSchema } from '../common/error.schema';
import { API_ROUTES, type ApiRoute } from '../openapi/api-routes';
import { responsesOf } from '../openapi/openapi-document';

const routes = new Map(
  API_ROUTES.map((route) => [
    `${route.method.toUpperCase()} ${route.path.replace(/\{(\w+)\}/g, ':$1')}`,
    route,
  ]),
);

/**
 * What is wrong with a JSON answer, measured against the OpenAPI document: a status the
 * route does not document, or a body that does not fit the schema documented for it. Null
 * when it is as documented. A route the document does not have is left to the test that
 * compares the served routes with the document; its errors still have the one error shape.
 */
export function responseProblem(
  method: string,
  routePath: string | undefined,
  status: number,
  body: unknown,
): string | null {
  const route: ApiRoute | undefined = routePath ? routes.get(`${method} ${routePath}`) : undefined;
  const name = `${method} ${routePath ?? '(no route)'} ${status}`;
  let schema;
  if (status >= 500 || (!route && status >= 400)) schema = ErrorResponseSchema;
  else if (!route) return null;
  else {
    const responses = responsesOf(route);
    if (!responses.has(status))
      return `${name}: the status is not documented (documented: ${[...responses.keys()].join(', ')})`;
    schema = responses.get(status);
    if (!schema) return `${name}: documented as ${route.produces}, answered JSON`;
  }
  const result = schema.safeParse(body);
  if (result.success) return null;
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  return `${name}: the body does not fit its documented schema: ${issues.join('; ')}`;
}

/**
 * Test runs only: every JSON answer of the API is checked against the OpenAPI document
 * before it leaves, and one that is not as documented becomes a 500 naming what is wrong
 * (and is printed), so every API test fails on a response the document misdescribes.
 */
export function validateResponsesAgainstDocument(app: {
  use(handler: RequestHandler): unknown;
}): void {
  app.use((request: Request, response: Response, next: NextFunction) => {
    const json = response.json.bind(response);
    response.json = (body: unknown) => {
      const problem = responseProblem(
        request.method,
        (request.route as { path?: string } | undefined)?.path,
        response.statusCode,
        body,
      );
      if (!problem) return json(body);
      // a test that expects 200 says only that it got 500: this says why
      process.stderr.write(`response not as documented: ${problem}\n`);
      response.status(500);
      return json({ error: { code: 'not-as-documented', message: problem } });
    };
    next();
  });
}
