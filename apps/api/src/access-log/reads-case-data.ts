import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { CaseDataAccess } from './access-log.service';

export const READS_CASE_DATA = 'reads-case-data';
export const CASE_DATA_ACCESS = Symbol('case-data-access');
/** set on a request for a @ReadsCaseData route before the key is checked */
export const CASE_DATA_ROUTE = Symbol('case-data-route');

/**
 * Marks a route that answers with case data. Every call of it then writes one access-log
 * row (AccessLogInterceptor), whatever its status. The handler says which cases its answer
 * holds by returning `caseData(refs, body)`; a handler that streams its answer instead takes
 * `@CaseAccess() access` and calls `access.returned(refs)` before sending each part.
 */
export const ReadsCaseData = () => SetMetadata(READS_CASE_DATA, true);

/** A handler's answer and the references of the cases in it. */
export class CaseData<T> {
  constructor(
    readonly caseRefs: string[],
    readonly body: T,
  ) {}
}

export function caseData<T>(caseRefs: (string | null | undefined)[], body: T): CaseData<T> {
  return new CaseData(
    caseRefs.filter((ref): ref is string => typeof ref === 'string'),
    body,
  );
}

/** This request's access-log row, for a handler of a @ReadsCaseData route that streams. */
export const CaseAccess = createParamDecorator(
  (_data: unknown, context: ExecutionContext): CaseDataAccess => {
    const request = context.switchToHttp().getRequest<{ [CASE_DATA_ACCESS]?: CaseDataAccess }>();
    const access = request[CASE_DATA_ACCESS];
    if (!access) throw new Error('@CaseAccess() is only for routes marked @ReadsCaseData()');
    return access;
  },
);
