import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import type { ConsoleSession } from './console-session.service';
import { renderView } from './views';

/**
 * A console page: rendered with the session's key and CSRF token, sent with headers that keep
 * it to this origin (a nonce for GOV.UK Frontend's one inline script), never cached.
 */
export function renderPage(
  response: Response,
  view: string,
  context: Record<string, unknown>,
  session?: ConsoleSession | null,
): string {
  const nonce = randomBytes(16).toString('base64');
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'same-origin');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join('; '),
  );
  return renderView(view, {
    ...context,
    cspNonce: nonce,
    signedIn: session?.caller ?? null,
    csrf: context['csrf'] ?? session?.csrf ?? '',
  });
}
