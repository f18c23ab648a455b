import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import type { ConsoleSession } from './console-session.service';

/** A console request after ConsoleSessionGuard: the session, and its key as `caller`. */
export type ConsoleRequest = AuthenticatedRequest & { consoleSession?: ConsoleSession };

/** The signed-in session of this request (set by ConsoleSessionGuard). */
export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ConsoleSession =>
    context.switchToHttp().getRequest<ConsoleRequest>().consoleSession!,
);
