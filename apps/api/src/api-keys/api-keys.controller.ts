import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiKeyService } from '../auth/api-key.service';
import { Roles } from '../auth/roles.decorator';
import { ZodPipe } from '../common/zod.pipe';
import { CreateApiKeyBodySchema, type CreateApiKeyBody } from './api-keys.dto';

@Controller('api/v1/api-keys')
@Roles('admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  /** The new key is in the response, once; only its hash is kept. */
  @Post()
  create(@Body(new ZodPipe(CreateApiKeyBodySchema)) body: CreateApiKeyBody) {
    return this.keys.create(body.role, body.label);
  }

  @Get()
  list() {
    return this.keys.list();
  }

  @Delete(':id')
  revoke(@Param('id') id: string) {
    return this.keys.revoke(id);
  }
}
