import type { Request } from 'express';

/** The console's cookies: the session, and the sign-in form's CSRF token before there is one. */
export const SESSION_COOKIE = 'console_session';
export const SIGN_IN_CSRF_COOKIE = 'console_sign_in';
const PATH = '/console';

/** One cookie of the request's Cookie header (no parser needed for two cookies of our own). */
export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * Over TLS, directly or behind a proxy that says so: the cookie is then Secure, so it never
 * travels in clear text.
 */
export function overTls(request: Request): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return request.secure || proto === 'https';
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), only under
 * /console. Without `maxAge` it lasts as long as the browser; the server ends it sooner.
 */
export function cookieHeader(
  request: Request,
  name: string,
  value: string,
  maxAgeSeconds?: number,
): string {
  return [
    `${name}=${value}`,
    `Path=${PATH}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(overTls(request) ? ['Secure'] : []),
    ...(maxAgeSeconds !== undefined ? [`Max-Age=${maxAgeSeconds}`] : []),
  ].join('; ');
}

/** The header that removes a cookie: empty and already expired. */
export function clearedCookieHeader(request: Request, name: string): string {
  return `${cookieHeader(request, name, '', 0)}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}
