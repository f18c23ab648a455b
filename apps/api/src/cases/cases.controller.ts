import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import { caseData, ReadsCaseData } from '../access-log/reads-case-data';
import type { AuthenticatedRequest, Caller } from '../auth/authenticated-request';
import { CurrentCaller } from '../auth/current-caller';
import { Roles } from '../auth/roles.decorator';
import { ZodPipe } from '../common/zod.pipe';
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
  constructor(private readonly cases: CasesService) {}

  @Get('cases')
  @ReadsCaseData()
  async list(
    @Query(new ZodPipe(CaseListQuerySchema)) query: CaseListQuery,
    @CurrentCaller() caller: Caller,
  ) {
    const body = await this.cases.list(query, caller);
    return caseData(
      body.items.map((item) => item.ref),
      body,
    );
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
  @ReadsCaseData()
  async get(@Param('ref') ref: string, @CurrentCaller() caller: Caller) {
    const body = await this.cases.view(ref, caller);
    return caseData([body.ref], body);
  }

  @Get('cases/:ref/events')
  @ReadsCaseData()
  async events(@Param('ref') ref: string, @CurrentCaller() caller: Caller) {
    const { ref: found, body } = await this.cases.events(ref, caller);
    return caseData([found], body);
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
  @ReadsCaseData()
  async messages(@Param('ref') ref: string, @CurrentCaller() caller: Caller) {
    const { ref: found, body } = await this.cases.messagesOf(ref, caller);
    return caseData([found], body);
  }

  @Get('messages/:id/raw')
  @ReadsCaseData()
  async raw(@Param('id') id: string, @CurrentCaller() caller: Caller) {
    const { caseRef, raw } = await this.cases.rawMessage(id, caller);
    return caseData([caseRef], new StreamableFile(raw, { type: 'message/rfc822' }));
  }
}
