import {
  Catch,
  HttpException,
  Inject,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Log } from '@escalations/db/log';
import type { Caller } from '../auth/authenticated-request';
import { ErrorFilter } from '../common/error.filter';
import { AccessLogService, type CaseDataAccess } from './access-log.service';
import { CASE_DATA_ACCESS, CASE_DATA_ROUTE } from './reads-case-data';
import { LOG } from '../logging/log.token';

type MarkedRequest = {
  [CASE_DATA_ROUTE]?: boolean;
  [CASE_DATA_ACCESS]?: CaseDataAccess;
  caller?: Caller;
  method: string;
  originalUrl: string;
};

/**
 * A read of case data the key check refused after knowing the key (403: a key whose role
 * may not read it) never reaches the route's interceptor: it is recorded here, before the
 * answer, and the answer is left to ErrorFilter. A request with no valid key names no one
 * to record.
 */
@Catch()
export class AccessLogFilter implements ExceptionFilter {
  constructor(
    private readonly errors: ErrorFilter,
    private readonly accessLog: AccessLogService,
    @Inject(LOG) private readonly log: Log,
  ) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<MarkedRequest>();
    if (request[CASE_DATA_ROUTE] && !request[CASE_DATA_ACCESS] && request.caller) {
      const status = exception instanceof HttpException ? exception.getStatus() : 500;
      await this.accessLog
        .begin(request.caller, request.method, request.originalUrl)
        .refused(status)
        .catch((error: unknown) => this.log.error('access-log.record-failed', { error }));
    }
    this.errors.catch(exception, host);
  }
}
