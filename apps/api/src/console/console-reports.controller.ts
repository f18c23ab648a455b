import {
  Controller,
  Get,
  HttpStatus,
  Inject,
  Query,
  Res,
  StreamableFile,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import { MONTH_NAMES, type PolicyFile, type PolicyLibrary } from '@escalations/domain';
import { caseData, ReadsCaseData } from '../access-log/reads-case-data';
import type { Caller } from '../auth/authenticated-request';
import { Public } from '../auth/roles.decorator';
import { inScope } from '../auth/scope';
import { ApiError } from '../common/api-error';
import { CLOCK, POLICY_LIBRARY, type Clock } from '../common/tokens';
import { ReportQuerySchemas } from '../reports/reports.dto';
import { ReportsService } from '../reports/reports.service';
import { annualReportPdf, type AnnualReportPrint } from './annual-report-pdf';
import { barChart } from './bar-chart';
import { ConsoleErrorFilter } from './console-error.filter';
import { CurrentSession } from './console-request';
import { ConsoleSessionGuard } from './console-session.guard';
import type { ConsoleSession } from './console-session.service';
import { renderPage } from './page';
import { STATUS_TEXT } from './words';

const percent = (rate: number | null) =>
  rate === null ? 'not measured' : `${Math.round(rate * 100)}%`;
const days = (value: number | null) => (value === null ? '–' : String(Math.round(value * 10) / 10));

/**
 * The reports, read through the API's ReportsService (the same figures as
 * /api/v1/reports/timeliness and /annual) and logged as those are: charts drawn as SVG on the
 * server with the figures in a table beside each, and the annual report to print or as PDF.
 */
@Controller('console/reports')
@Public()
@UseGuards(ConsoleSessionGuard)
@UseFilters(ConsoleErrorFilter)
export class ConsoleReportsController {
  constructor(
    private readonly reports: ReportsService,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ReadsCaseData()
  async timeliness(
    @Query() raw: Record<string, unknown>,
    @CurrentSession() session: ConsoleSession,
    @Res({ passthrough: true }) response: Response,
  ) {
    const policies = this.inScope(session.caller);
    const given = filled(raw);
    const parsed = ReportQuerySchemas.timeliness.safeParse({
      policy: policies[0]?.id ?? '',
      ...given,
    });
    const errors = parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({
          text: `${issue.path.join('.')}: ${issue.message}`,
          href: `#${String(issue.path[0] ?? 'policy')}`,
        }));
    const report = parsed.success
      ? await this.reports.timelinessFigures(parsed.data, session.caller)
      : null;
    const policy = report ? this.library.policies.get(report.policy) : undefined;
    const categoryLabel = (key: string) =>
      policy?.categories.find((c) => c.key === key)?.label ?? key;
    const charts = report
      ? [
          {
            title: 'Stage reached: cases that entered each stage',
            svg: barChart(
              'Cases that entered each stage',
              report.stages.map((s) => ({
                label: `Stage ${s.stage}`,
                value: s.entered,
                text: String(s.entered),
              })),
            ),
            head: [
              { text: 'Stage' },
              { text: 'Entered', format: 'numeric' },
              { text: 'Resolved at', format: 'numeric' },
              { text: 'Escalated', format: 'numeric' },
              { text: 'Breached', format: 'numeric' },
            ],
            rows: report.stages.map((s) => [
              { text: `${s.stage}: ${s.title}` },
              { text: String(s.entered), format: 'numeric' },
              { text: String(s.resolvedAt), format: 'numeric' },
              { text: String(s.escalated), format: 'numeric' },
              { text: String(s.breached), format: 'numeric' },
            ]),
          },
          {
            title: 'Timeliness per stage: median working days taken',
            svg: barChart(
              'Median working days taken at each stage',
              report.stages.map((s) => ({
                label: `Stage ${s.stage}`,
                value: s.medianWorkingDays ?? 0,
                text: days(s.medianWorkingDays),
              })),
            ),
            head: [{ text: 'Stage' }, { text: 'Median working days', format: 'numeric' }],
            rows: report.stages.map((s) => [
              { text: `${s.stage}: ${s.title}` },
              { text: days(s.medianWorkingDays), format: 'numeric' },
            ]),
          },
          {
            title: 'Timeliness per category: stages on time',
            svg: barChart(
              'Share of stages on time, by category',
              report.byCategory.map((c) => ({
                label: categoryLabel(c.category),
                value: c.onTimeRate ?? 0,
                text: percent(c.onTimeRate),
              })),
              1,
            ),
            head: [
              { text: 'Category' },
              { text: 'Cases', format: 'numeric' },
              { text: 'Open', format: 'numeric' },
              { text: 'On time', format: 'numeric' },
            ],
            rows: report.byCategory.map((c) => [
              { text: categoryLabel(c.category) },
              { text: String(c.cases), format: 'numeric' },
              { text: String(c.open), format: 'numeric' },
              { text: percent(c.onTimeRate), format: 'numeric' },
            ]),
          },
          {
            title: 'On-time rate by month: stages on time, by the month they were due',
            svg: barChart(
              'Share of stages on time, by the month they were due',
              report.onTimeByMonth.map((m) => ({
                label: monthName(m.month),
                value: m.rate ?? 0,
                text: percent(m.rate),
              })),
              1,
            ),
            head: [
              { text: 'Month due' },
              { text: 'Stages due', format: 'numeric' },
              { text: 'On time', format: 'numeric' },
              { text: 'Rate', format: 'numeric' },
            ],
            rows: report.onTimeByMonth.map((m) => [
              { text: monthName(m.month) },
              { text: String(m.due), format: 'numeric' },
              { text: String(m.onTime), format: 'numeric' },
              { text: percent(m.rate), format: 'numeric' },
            ]),
          },
        ]
      : [];
    const html = renderPage(
      response,
      'reports.njk',
      {
        title: 'Reports',
        section: 'reports',
        query: given,
        errors,
        report,
        charts,
        onTime: report ? percent(report.overall.onTimeRate) : '',
        year: this.clock().getUTCFullYear(),
        policyItems: policies.map((p) => ({
          value: p.id,
          text: p.partnership,
          selected: report?.policy === p.id,
        })),
      },
      session,
    );
    if (!parsed.success) response.status(HttpStatus.BAD_REQUEST);
    return caseData([], html);
  }

  @Get('annual')
  @ReadsCaseData()
  async annual(
    @Query() raw: Record<string, unknown>,
    @CurrentSession() session: ConsoleSession,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { report, print } = await this.annualOf(raw, session.caller);
    const html = renderPage(
      response,
      'annual.njk',
      {
        title: `Escalations in ${report.year}`,
        section: 'reports',
        report,
        partnership: print.partnership,
        previousYear: report.year - 1,
        figures: print.figures.map(([key, value]) => ({
          key: { text: key },
          value: { text: value },
        })),
        chart: barChart(
          'Cases resolved at each stage',
          report.figures.resolvedPerStage.map((s) => ({
            label: `Stage ${s.stage}`,
            value: s.resolved,
            text: String(s.resolved),
          })),
        ),
        perStage: print.perStage.map(([stage, resolved]) => [
          { text: stage },
          { text: resolved, format: 'numeric' },
        ]),
        reached: print.reached.map((row) => row.map((text) => ({ text }))),
      },
      session,
    );
    return caseData(
      report.reachedFinalStage.map((row) => row.ref),
      html,
    );
  }

  @Get('annual.pdf')
  @ReadsCaseData()
  async annualPdf(
    @Query() raw: Record<string, unknown>,
    @CurrentSession() session: ConsoleSession,
  ) {
    const { report, print } = await this.annualOf(raw, session.caller);
    return caseData(
      report.reachedFinalStage.map((row) => row.ref),
      new StreamableFile(await annualReportPdf(print), {
        type: 'application/pdf',
        disposition: `inline; filename="${report.policy}-${report.year}-escalations.pdf"`,
      }),
    );
  }

  private async annualOf(raw: Record<string, unknown>, caller: Caller) {
    const policies = this.inScope(caller);
    const parsed = ReportQuerySchemas.annual.safeParse({
      policy: policies[0]?.id ?? '',
      year: this.clock().getUTCFullYear(),
      ...filled(raw),
    });
    if (!parsed.success)
      throw ApiError.badRequest(
        parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      );
    const report = await this.reports.annualFigures(parsed.data, caller);
    const policy = this.library.policies.get(report.policy)!;
    const f = report.figures;
    const print: AnnualReportPrint = {
      partnership: policy.partnership,
      year: report.year,
      finalStage: report.finalStage,
      onTimeDefinition: report.onTimeDefinition,
      figures: [
        ['Escalations raised', String(f.raised)],
        ['Still open', String(f.open)],
        ['Resolved', String(f.resolved)],
        ['Decided', String(f.decided)],
        ['Withdrawn', String(f.withdrawn)],
        ['Deadlines missed', String(f.breaches)],
        ['Stages on time', percent(f.onTimeRate)],
        ['Median working days to close', days(f.medianWorkingDaysToClose)],
      ],
      perStage: f.resolvedPerStage.map((s) => [
        `${s.stage}: ${policy.stages[s.stage - 1]?.title ?? ''}`,
        String(s.resolved),
      ]),
      reached: report.reachedFinalStage.map((row) => [
        row.ref,
        row.raisedAt.slice(0, 10),
        `${row.agency} / ${row.otherAgency}`,
        policy.categories.find((c) => c.key === row.category)?.label ?? row.category,
        STATUS_TEXT[row.status] ?? row.status,
        row.finalStage.outcome ?? 'open',
      ]),
    };
    return { report, print };
  }

  private inScope(caller: Caller): PolicyFile[] {
    return [...this.library.policies.values()].filter((p) => inScope(caller, p.id));
  }
}

function filled(raw: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '',
    ),
  );
}

/** 2026-11 as November 2026. */
function monthName(month: string): string {
  const [year, number] = month.split('-');
  return `${MONTH_NAMES[Number(number) - 1] ?? month} ${year}`;
}
