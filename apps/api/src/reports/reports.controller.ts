import { Controller, Get, Query } from '@nestjs/common';
import { caseData, ReadsCaseData } from '../access-log/reads-case-data';
import type { Caller } from '../auth/authenticated-request';
import { CurrentCaller } from '../auth/current-caller';
import { ZodPipe } from '../common/zod.pipe';
import {
  ReportQuerySchemas,
  type AnnualQuery,
  type LearningQuery,
  type TimelinessQuery,
} from './reports.dto';
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

  /** LEARNING's text and the cases it came from: logged as a read of those cases. */
  @Get('learning')
  @ReadsCaseData()
  async learning(
    @Query(new ZodPipe(ReportQuerySchemas.learning)) query: LearningQuery,
    @CurrentCaller() caller: Caller,
  ) {
    const report = await this.reports.learning(query, caller);
    return caseData([...new Set(report.learning.map((item) => item.ref))], report);
  }
}
