import {
  Catch,
  HttpException,
  HttpStatus,
  Inject,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Log } from '@escalations/db/log';
import type { Request, Response } from 'express';
import { LOG } from '../logging/log.token';

const CODES: Partial<Record<number, string>> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
};

/**
 * Every error leaves in the one shape. Unexpected errors are logged by reference, kind and
 * codes only (no request body, no message: a failed query's message repeats its parameters,
 * a child's name among them) and answered without internals.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOG) private readonly log: Log) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (
        typeof body === 'object' &&
        body !== null &&
        'error' in body &&
        typeof body.error === 'object'
      ) {
        response.status(status).json(body);
        return;
      }
      const given = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const message =
        typeof given === 'string'
          ? given
          : Array.isArray(given)
            ? given.join('; ')
            : exception.message;
      response.status(status).json({ error: { code: CODES[status] ?? 'error', message } });
      return;
    }
    // Express's body parser fails before Nest sees the request (a body over the limit, an
    // unknown charset) with its own errors; they are the caller's to fix, not ours.
    if (isClientError(exception)) {
      const status = exception.status;
      const message =
        status === 413 && typeof exception.limit === 'number'
          ? `the request body is larger than the ${exception.limit} bytes allowed`
          : exception.message;
      response.status(status).json({ error: { code: CODES[status] ?? 'error', message } });
      return;
    }
    const id = Math.random().toString(36).slice(2, 10);
    const request = host.switchToHttp().getRequest<Request & { id?: unknown }>();
    this.log.error('http.unhandled-error', {
      reference: id,
      ...(typeof request.id === 'string' ? { requestId: request.id } : {}),
      error: exception,
    });
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      error: { code: 'internal', message: `something went wrong on our side (reference ${id})` },
    });
  }
}

/** An `http-errors` error meant for the client, as body-parser raises them. */
function isClientError(
  exception: unknown,
): exception is { status: number; message: string; limit?: unknown } {
  if (typeof exception !== 'object' || exception === null) return false;
  const { status, expose, message } = exception as Record<string, unknown>;
  return (
    typeof status === 'number' &&
    status >= 400 &&
    status < 500 &&
    expose === true &&
    typeof message === 'string'
  );
}
