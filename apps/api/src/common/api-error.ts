import { HttpException, HttpStatus } from '@nestjs/common';

/** The one error shape of the API: `{ "error": { "code", "message", "details"? } }`. */
export class ApiError extends HttpException {
  constructor(status: HttpStatus, code: string, message: string, details?: unknown) {
    super({ error: { code, message, ...(details === undefined ? {} : { details }) } }, status);
  }

  static badRequest(message: string, details?: unknown) {
    return new ApiError(HttpStatus.BAD_REQUEST, 'bad-request', message, details);
  }

  static notFound(what: string) {
    return new ApiError(HttpStatus.NOT_FOUND, 'not-found', `${what} was not found`);
  }

  static conflict(code: string, message: string) {
    return new ApiError(HttpStatus.CONFLICT, code, message);
  }
}
