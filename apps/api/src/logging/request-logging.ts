import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Log } from '@escalations/db/log';
import type { Params } from 'nestjs-pino';
import { requestIdOf, REQUEST_ID_HEADER } from './request-id';
import { caseRefOf, routeOf } from './request-route';

/** Probes and scrapes, every few seconds: logged at debug, not info. */
const QUIET = /^\/(health|metrics)\b/;

/**
 * nestjs-pino's request log: one line a request, when its answer has gone, with the request
 * id (the caller's `X-Request-Id` or one of ours, echoed in the answer), the method, the
 * route's pattern, the case reference, the status and the time taken. Never the URL, a
 * header or a body.
 */
export function requestLogging(log: Log): Params {
  return {
    pinoHttp: {
      logger: log.pino,
      quietReqLogger: true,
      quietResLogger: true,
      customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
      genReqId: (request: IncomingMessage, response: ServerResponse) => {
        const id = requestIdOf(request.headers[REQUEST_ID_HEADER.toLowerCase()]);
        response.setHeader(REQUEST_ID_HEADER, id);
        return id;
      },
      customLogLevel: (request, response, error) => {
        if (error || response.statusCode >= 500) return 'error';
        return QUIET.test(request.url ?? '') ? 'debug' : 'info';
      },
      customSuccessMessage: () => 'request completed',
      customErrorMessage: () => 'request completed',
      customSuccessObject: (request, response, fields: Record<string, unknown>) =>
        requestLine(request, response, fields),
      customErrorObject: (request, response, _error, fields: Record<string, unknown>) =>
        requestLine(request, response, fields),
    },
  };
}

function requestLine(
  request: IncomingMessage,
  response: ServerResponse,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const caseRef = caseRefOf(request);
  return {
    event: 'http.request',
    method: request.method,
    route: routeOf(request),
    ...(caseRef !== undefined && /^[A-Z0-9]{1,12}-\d{4}-\d{4,8}$/.test(caseRef) ? { caseRef } : {}),
    status: response.statusCode,
    durationMs: fields.durationMs,
  };
}
