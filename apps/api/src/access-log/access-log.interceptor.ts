import {
  HttpException,
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { Log } from '@escalations/db/log';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { AccessLogService, type CaseDataAccess } from './access-log.service';
import { CASE_DATA_ACCESS, CaseData, READS_CASE_DATA } from './reads-case-data';
import { LOG } from '../logging/log.token';

/**
 * Writes the access-log row of every call of a @ReadsCaseData route: on success before the
 * answer leaves (a failed write fails the request rather than let data out unrecorded), on
 * an error (400 from validation, 404, 403, 500) with its status. Pipes run inside this, so
 * a refused query is recorded too. A request the key check turns away (401) never reaches
 * the route and names no key to record.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly accessLog: AccessLogService,
    @Inject(LOG) private readonly log: Log,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const handler = context.getHandler();
    const route = `${context.getClass().name}.${handler.name}`;
    if (!this.reflector.get<boolean | undefined>(READS_CASE_DATA, handler)) return next.handle();
    const request = context
      .switchToHttp()
      .getRequest<AuthenticatedRequest & { [CASE_DATA_ACCESS]?: CaseDataAccess }>();
    const access = this.accessLog.begin(request.caller, request.method, request.originalUrl);
    request[CASE_DATA_ACCESS] = access;
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, handler) ?? 200;
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        if (result instanceof CaseData) {
          const answer = result as CaseData<unknown>;
          await access.returned(answer.caseRefs, status);
          return answer.body;
        }
        if (!access.recorded) {
          throw new Error(
            `${route} reads case data but named no cases: return caseData(refs, body)`,
          );
        }
        return result;
      }),
      catchError((error: unknown) =>
        from(
          access.refused(error instanceof HttpException ? error.getStatus() : 500).catch(() => {
            this.log.error('access-log.record-failed', { component: route });
          }),
        ).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }
}
