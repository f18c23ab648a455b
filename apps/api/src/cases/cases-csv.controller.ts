import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { CaseDataAccess } from '../access-log/access-log.service';
import { CaseAccess, ReadsCaseData } from '../access-log/reads-case-data';
import type { Caller } from '../auth/authenticated-request';
import { CurrentCaller } from '../auth/current-caller';
import { ZodPipe } from '../common/zod.pipe';
import { CaseCsvQuerySchema, CasesCsvService, type CaseCsvQuery } from './cases-csv.service';

/** The case list as a file: any valid key (admin or auditor) may download it. */
@Controller('api/v1')
export class CasesCsvController {
  constructor(private readonly csv: CasesCsvService) {}

  @Get('cases.csv')
  @ReadsCaseData()
  export(
    @Query(new ZodPipe(CaseCsvQuerySchema)) query: CaseCsvQuery,
    @CaseAccess() access: CaseDataAccess,
    @Res() response: Response,
    @CurrentCaller() caller: Caller,
  ): Promise<void> {
    return this.csv.stream(query, access, response, caller);
  }
}
