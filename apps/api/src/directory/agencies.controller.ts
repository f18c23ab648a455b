import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import type { Caller } from '../auth/authenticated-request';
import { CurrentCaller } from '../auth/current-caller';
import { Roles } from '../auth/roles.decorator';
import { ZodPipe } from '../common/zod.pipe';
import { AgenciesService } from './agencies.service';
import {
  AgencyListQuerySchema,
  CreateAgencyBodySchema,
  UpdateAgencyBodySchema,
  type AgencyListQuery,
  type CreateAgencyBody,
  type UpdateAgencyBody,
} from './directory.dto';

/** The agencies' directory: reads for auditors, changes for administrators. */
@Controller('api/v1')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get('agencies')
  list(
    @Query(new ZodPipe(AgencyListQuerySchema)) query: AgencyListQuery,
    @CurrentCaller() caller: Caller,
  ) {
    return this.agencies.list(query, caller);
  }

  @Post('agencies')
  @Roles('admin')
  create(
    @Body(new ZodPipe(CreateAgencyBodySchema)) body: CreateAgencyBody,
    @CurrentCaller() caller: Caller,
  ) {
    return this.agencies.create(body, caller);
  }

  @Patch('agencies/:id')
  @Roles('admin')
  update(
    @Param('id') id: string,
    @Body(new ZodPipe(UpdateAgencyBodySchema)) body: UpdateAgencyBody,
    @CurrentCaller() caller: Caller,
  ) {
    return this.agencies.update(id, body, caller);
  }

  @Delete('agencies/:id')
  @Roles('admin')
  remove(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    return this.agencies.remove(id, caller);
  }
}
