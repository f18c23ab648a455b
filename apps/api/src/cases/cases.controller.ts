import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { Roles } from '../auth/roles.decorator';
import { ZodPipe } from '../common/zod.pipe';
import { AccessLogService } from './access-log.service';
import {
  CaseActionBodySchema,
  CaseListQuerySchema,
  OpenCaseBodySchema,
  type CaseActionBody,
  type CaseListQuery,
  type OpenCaseBody,
} from './cases.dto';
import { CasesService } from './cases.service';

@Controller('api/v1')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly accessLog: AccessLogService,
  ) {}

  @Get('cases')
  async list(
    @Query(new ZodPipe(CaseListQuerySchema)) query: CaseListQuery,
    @Req() request: AuthenticatedRequest,
  ) {
    const { ids, body } = await this.cases.list(query);
    await this.accessLog.record(
      request.caller,
      ids.length > 0 ? ids : [null],
      'GET',
      request.originalUrl,
    );
    return body;
  }

  @Post('cases')
  @Roles('admin')
  open(
    @Body(new ZodPipe(OpenCaseBodySchema)) body: OpenCaseBody,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.cases.open(body, request.caller);
  }

  @Get('cases/:ref')
  async get(@Param('ref') ref: string, @Req() request: AuthenticatedRequest) {
    const { id, body } = await this.cases.get(ref);
    await this.accessLog.record(request.caller, [id], 'GET', request.originalUrl);
    return body;
  }

  @Get('cases/:ref/events')
  async events(@Param('ref') ref: string, @Req() request: AuthenticatedRequest) {
    const { id, body } = await this.cases.events(ref);
    await this.accessLog.record(request.caller, [id], 'GET', request.originalUrl);
    return body;
  }

  @Post('cases/:ref/actions')
  @Roles('admin')
  @HttpCode(200)
  act(
    @Param('ref') ref: string,
    @Body(new ZodPipe(CaseActionBodySchema)) body: CaseActionBody,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.cases.act(ref, body, request.caller);
  }

  @Get('cases/:ref/messages')
  async messages(@Param('ref') ref: string, @Req() request: AuthenticatedRequest) {
    const { id, body } = await this.cases.messagesOf(ref);
    await this.accessLog.record(request.caller, [id], 'GET', request.originalUrl);
    return body;
  }

  @Get('messages/:id/raw')
  async raw(
    @Param('id') id: string,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    const message = await this.cases.rawMessage(id);
    await this.accessLog.record(request.caller, [message.caseId], 'GET', request.originalUrl);
    response.status(200).type('message/rfc822').send(message.raw);
  }
}
