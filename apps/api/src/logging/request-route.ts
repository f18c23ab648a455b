import type { IncomingMessage } from 'node:http';

/** What Express leaves on a request it routed. */
type Routed = IncomingMessage & { route?: { path?: unknown }; originalUrl?: string };

/**
 * The route's pattern (`/api/v1/cases/:ref`), never the URL: a query string may carry a
 * search or a filter, and a path may in future carry more than ids. Unrouted (a 404 before
 * any handler, seen only by the request log's own catch-all `/{*path}`): null.
 */
export function routeOf(request: IncomingMessage): string | null {
  const path = (request as Routed).route?.path;
  return typeof path === 'string' && !path.includes('{*') ? path : null;
}

/** The case reference a route's `:ref` matched, read from the path by the pattern. */
export function caseRefOf(request: IncomingMessage): string | undefined {
  const route = routeOf(request);
  if (!route?.includes(':ref')) return undefined;
  const url = (request as Routed).originalUrl ?? request.url ?? '';
  const segments = url.split('?')[0]!.split('/');
  const at = route.split('/').indexOf(':ref');
  return at >= 0 ? segments[at] : undefined;
}
