import { Controller, Get, Query } from '@nestjs/common';
import { caseData, ReadsCaseData } from '../access-log/reads-case-data';
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
  async timeliness(@Query(new ZodPipe(ReportQuerySchemas.timeliness)) query: TimelinessQuery) {
    return caseData([], await this.reports.timeliness(query));
  }

  @Get('annual')
  @ReadsCaseData()
  async annual(@Query(new ZodPipe(ReportQuerySchemas.annual)) query: AnnualQuery) {
    const report = await this.reports.annual(query);
    return caseData(
      report.reachedFinalStage.map((row) => row.ref),
      report,
    );
  }
}
