import {
  Catch,
  HttpException,
  Inject,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Log } from '@escalations/db/log';
import type { Response } from 'express';
import type { ConsoleRequest } from './console-request';
import { SignInNeeded } from './console-session.guard';
import { renderPage } from './page';
import { LOG } from '../logging/log.token';

const TITLES: Record<number, string> = {
  400: 'There is a problem with the request',
  403: 'You cannot do that',
  404: 'Page not found',
};

/**
 * The console's errors as pages: no session, to the sign-in page; a case that is missing or
 * another partnership's, the API's own 404 (the same words for both); anything of ours, a
 * page that says so, logged by kind only.
 */
@Catch()
export class ConsoleErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOG) private readonly log: Log) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<ConsoleRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (exception instanceof SignInNeeded) {
      response.redirect(303, '/console/sign-in');
      return;
    }
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    if (status >= 500) this.log.error('console.page-failed', { error: exception });
    const message =
      status >= 500
        ? 'Sorry, something went wrong on our side. Try again later.'
        : messageOf(exception);
    response
      .status(status)
      .send(
        renderPage(
          response,
          'error.njk',
          { title: TITLES[status] ?? 'Sorry, there is a problem', message, section: null },
          request.consoleSession,
        ),
      );
  }
}

function messageOf(exception: unknown): string {
  if (!(exception instanceof HttpException)) return '';
  const body = exception.getResponse() as { error?: { message?: string }; message?: string };
  const text = body.error?.message ?? body.message ?? exception.message;
  // the API's "case X was not found" reads well as a sentence
  return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.');
}
