import { Controller, Get, Query } from '@nestjs/common';
import { ZodPipe } from '../common/zod.pipe';
import { ReportQuerySchemas, type AnnualQuery, type TimelinessQuery } from './reports.dto';
import { ReportsService } from './reports.service';

/** Aggregates only, no case names: any valid key (admin or auditor) may read them. */
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('timeliness')
  timeliness(@Query(new ZodPipe(ReportQuerySchemas.timeliness)) query: TimelinessQuery) {
    return this.reports.timeliness(query);
  }

  @Get('annual')
  annual(@Query(new ZodPipe(ReportQuerySchemas.annual)) query: AnnualQuery) {
    return this.reports.annual(query);
  }
}
