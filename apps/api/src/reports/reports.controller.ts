import { Controller, Get, Query } from '@nestjs/common';
import { caseData, ReadsCaseData } from '../access-log/reads-case-data';
import type { Caller } from '../auth/authenticated-request';
import { CurrentCaller } from '../auth/current-caller';
import { ZodPipe } from '../common/zod.pipe';
import { ReportQuerySchemas, type AnnualQuery, type TimelinessQuery } from './reports.dto';
import { ReportsService } from './reports.service';

/** Aggregates and references, no case names: any valid key (admin or auditor) may read them. */
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** Figures only: logged as a read of case data that names no case. */
  @Get('timeliness')
  @ReadsCaseData()
  async timeliness(
    @Query(new ZodPipe(ReportQuerySchemas.timeliness)) query: TimelinessQuery,
    @CurrentCaller() caller: Caller,
  ) {
    return caseData([], await this.reports.timeliness(query, caller));
  }

  @Get('annual')
  @ReadsCaseData()
  async annual(
    @Query(new ZodPipe(ReportQuerySchemas.annual)) query: AnnualQuery,
    @CurrentCaller() caller: Caller,
  ) {
    const report = await this.reports.annual(query, caller);
    return caseData(
      report.reachedFinalStage.map((row) => row.ref),
      report,
    );
  }
}
