import type { ServiceMetrics } from '@escalations/casework';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Times every request to its last byte, labelled by the pattern of the route it matched
 * (`/api/v1/cases/:ref`), never by its URL: a URL holds references and query values, and
 * would make a series per case.
 */
export function requestDurations(metrics: ServiceMetrics): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequest(request.method, routeOf(request, response), response.statusCode, seconds);
    });
    next();
  };
}

function routeOf(request: Request, response: Response): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  // a catch-all (`/{*path}`, the request log's) is no route of the API's
  if (typeof path === 'string' && !path.includes('{*')) return `${request.baseUrl}${path}`;
  // static files (the docs' viewer) match no route; a 404 matched none at all
  return response.statusCode === 404 ? 'unmatched' : 'static';
}
