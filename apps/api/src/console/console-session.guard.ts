import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import type { ConsoleRequest } from './console-request';
import { ConsoleSessionService, sameToken } from './console-session.service';
import { readCookie, SESSION_COOKIE } from './cookies';

/** No session, or one that has ended: the error filter sends the person to sign in. */
export class SignInNeeded extends Error {}

/**
 * The console's pages need a session instead of a Bearer key (they are @Public() to the API's
 * key check). The key behind the session becomes the request's caller, so the API's own
 * scope checks and the access log apply as they do to the key. Every form carries the
 * session's CSRF token.
 */
@Injectable()
export class ConsoleSessionGuard implements CanActivate {
  constructor(private readonly sessions: ConsoleSessionService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const session = await this.sessions.resume(readCookie(request, SESSION_COOKIE));
    if (!session) throw new SignInNeeded();
    request.consoleSession = session;
    request.caller = session.caller;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const body = request.body as Record<string, unknown> | undefined;
      if (!sameToken(session.csrf, body?.['_csrf']))
        throw new ApiError(
          HttpStatus.FORBIDDEN,
          'csrf',
          'The form was not sent from this console page. Go back, reload the page and try again.',
        );
    }
    return true;
  }
}
