import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { ZodPipe } from '../common/zod.pipe';
import { CaseCsvQuerySchema, CasesCsvService, type CaseCsvQuery } from './cases-csv.service';

/** The case list as a file: any valid key (admin or auditor) may download it. */
@Controller('api/v1')
export class CasesCsvController {
  constructor(private readonly csv: CasesCsvService) {}

  @Get('cases.csv')
  export(
    @Query(new ZodPipe(CaseCsvQuerySchema)) query: CaseCsvQuery,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    return this.csv.stream(query, request.caller, request.originalUrl, response);
  }
}
