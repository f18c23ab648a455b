import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CASE_DATA_ROUTE, READS_CASE_DATA } from './reads-case-data';

/**
 * Runs before the key check and lets everything through: it only marks a request for a
 * @ReadsCaseData route, so that a key refused there (403) is still recorded by
 * AccessLogFilter, although the refusal comes before the route and its interceptor.
 */
@Injectable()
export class CaseDataRouteGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.get<boolean | undefined>(READS_CASE_DATA, context.getHandler())) {
      context.switchToHttp().getRequest<{ [CASE_DATA_ROUTE]?: boolean }>()[CASE_DATA_ROUTE] = true;
    }
    return true;
  }
}
