import { Injectable, type CanActivate, type ExecutionContext, HttpStatus } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiKeyRole } from '@escalations/db';
import { ApiError } from '../common/api-error';
import { ApiKeyService } from './api-key.service';
import type { AuthenticatedRequest } from './authenticated-request';
import { DEFAULT_ROLES, PUBLIC, ROLES } from './roles.decorator';

/**
 * Every route needs a valid key unless marked public; some need the admin role; the inbound
 * role reaches only the routes that name it (least privilege for a key kept by a provider).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'unauthorized',
        'send an API key: Authorization: Bearer <key>',
      );
    }
    const caller = await this.keys.verify(match[1]!);
    if (!caller)
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'unauthorized',
        'the API key is not valid or was revoked',
      );
    request.caller = caller;
    const roles =
      this.reflector.getAllAndOverride<ApiKeyRole[] | undefined>(ROLES, targets) ?? DEFAULT_ROLES;
    if (!roles.includes(caller.role)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'forbidden',
        `this needs the ${roles.join(' or ')} role; the key has ${caller.role}`,
      );
    }
    return true;
  }
}
