import { Body, Controller, Delete, Get, Inject, Param, Post } from '@nestjs/common';
import type { PolicyLibrary } from '@escalations/domain';
import { ApiKeyService } from '../auth/api-key.service';
import type { Caller } from '../auth/authenticated-request';
import { CurrentCaller } from '../auth/current-caller';
import { Roles } from '../auth/roles.decorator';
import { EVERY_POLICY } from '../auth/scope';
import { ApiError } from '../common/api-error';
import { POLICY_LIBRARY } from '../common/tokens';
import { ZodPipe } from '../common/zod.pipe';
import { CreateApiKeyBodySchema, type CreateApiKeyBody } from './api-keys.dto';

/**
 * Keys belong to partnerships: the operator's admin (`*`) manages every key; a partnership's
 * admin sees, creates (auditor keys only) and revokes the keys within its own scope.
 */
@Controller('api/v1/api-keys')
@Roles('admin')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeyService,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
  ) {}

  /** The new key is in the response, once; only its hash is kept. */
  @Post()
  create(
    @Body(new ZodPipe(CreateApiKeyBodySchema)) body: CreateApiKeyBody,
    @CurrentCaller() caller: Caller,
  ) {
    const policies = body.policies ?? caller.policies;
    const unknown = policies.filter((id) => id !== EVERY_POLICY && !this.library.policies.has(id));
    if (unknown.length > 0)
      throw ApiError.badRequest(`policies: no policy ${unknown.join(', ')}`, [
        {
          field: 'policies',
          message: `no policy ${unknown.join(', ')} (the policies are ${[...this.library.policies.keys()].join(', ')})`,
        },
      ]);
    return this.keys.create(body.role, body.label, policies, caller);
  }

  @Get()
  list(@CurrentCaller() caller: Caller) {
    return this.keys.list(caller);
  }

  @Delete(':id')
  revoke(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    return this.keys.revoke(id, caller);
  }
}
