import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest, Caller } from './authenticated-request';

/**
 * The key that called, with its role and scope (set by ApiKeyGuard): a handler passes it to
 * `assertInScope` / `scopedPolicies` (scope.ts) for whatever it reads or changes.
 */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().caller,
);
