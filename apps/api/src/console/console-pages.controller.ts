import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Inject,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import { CASE_STATUSES, type PolicyLibrary } from '@escalations/domain';
import type { CaseDataAccess } from '../access-log/access-log.service';
import { CaseAccess, caseData, ReadsCaseData } from '../access-log/reads-case-data';
import { inScope } from '../auth/scope';
import { Public } from '../auth/roles.decorator';
import { ApiError } from '../common/api-error';
import { POLICY_LIBRARY } from '../common/tokens';
import { CaseRecordsService } from '../cases/case-records.service';
import { CaseActionBodySchema, CaseListQuerySchema } from '../cases/cases.dto';
import { CaseCsvQuerySchema, CasesCsvService } from '../cases/cases-csv.service';
import { CasesService } from '../cases/cases.service';
import { CasePageService, CONSOLE_ACTIONS } from './case-page.service';
import { ConsoleErrorFilter } from './console-error.filter';
import { CurrentSession } from './console-request';
import { ConsoleSessionGuard } from './console-session.guard';
import type { ConsoleSession } from './console-session.service';
import { OverviewService } from './overview.service';
import { caseTableHead, sortDescription } from './sort-headers';
import { renderPage } from './page';
import { STATUS_TEXT } from './words';

/** What the console says once an action has gone through (the redirect names the action). */
const DONE: Readonly<Record<string, string>> = {
  escalate: 'Escalated. The people on the case have been told by email.',
  resolve: 'Resolved. The people on the case have been told by email.',
  extend: 'Deadline extended. The people on the case have been told by email.',
  reason: 'Rationale recorded.',
  note: 'Note added.',
  decision: 'Decision recorded. The people on the case have been told by email.',
  withdraw: 'Escalation withdrawn. The people on the case have been told by email.',
  agree: 'Outcome agreed. The people on the case have been told by email.',
};

/**
 * The console's pages. Each reads through the API's own services with the signed-in key as
 * the caller (its scope, the same 404 for another partnership's case), and each read of case
 * data is recorded in the access log like the API's (@ReadsCaseData, caseData).
 */
@Controller('console')
@Public()
@UseGuards(ConsoleSessionGuard)
@UseFilters(ConsoleErrorFilter)
export class ConsolePagesController {
  constructor(
    private readonly overview: OverviewService,
    private readonly cases: CasesService,
    private readonly csv: CasesCsvService,
    private readonly casePage: CasePageService,
    private readonly records: CaseRecordsService,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
  ) {}

  @Get('overview')
  @ReadsCaseData()
  async overviewPage(
    @CurrentSession() session: ConsoleSession,
    @Res({ passthrough: true }) response: Response,
  ) {
    const partnerships = await this.overview.partnerships(session.caller);
    const html = renderPage(
      response,
      'overview.njk',
      { title: 'Overview', section: 'overview', partnerships },
      session,
    );
    return caseData(
      partnerships.flatMap((p) => p.overdueCases.map((c) => c.ref)),
      html,
    );
  }

  @Get('cases')
  @ReadsCaseData()
  async casesPage(
    @Query() raw: Record<string, unknown>,
    @CurrentSession() session: ConsoleSession,
    @Res({ passthrough: true }) response: Response,
  ) {
    const given = filled(raw);
    const parsed = CaseListQuerySchema.safeParse(given);
    const errors = parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({
          text: `${issue.path.join('.') || 'query'}: ${issue.message}`,
          href: `#${String(issue.path[0] ?? 'policy')}`,
        }));
    const list = parsed.success ? await this.cases.list(parsed.data, session.caller) : null;
    const now = Date.now();
    const items = (list?.items ?? []).map((item) => ({
      ...item,
      raisedDate: item.raisedAt.slice(0, 10),
      statusText: STATUS_TEXT[item.status] ?? item.status,
      stageTitle:
        this.library.policies.get(item.policy)?.stages[item.currentStage - 1]?.title ?? null,
      overdue:
        item.status === 'open' && item.currentDueAt !== null && Date.parse(item.currentDueAt) < now,
    }));
    const { cursor: _cursor, ...filters } = given;
    // the CSV is in the export's own order: a sort is no filter of it
    const { sort: _sort, ...csvFilters } = filters;
    const sort = parsed.success ? parsed.data.sort : undefined;
    const policies = [...this.library.policies.values()].filter((p) =>
      inScope(session.caller, p.id),
    );
    const html = renderPage(
      response,
      'cases.njk',
      {
        title: 'Cases',
        section: 'cases',
        query: given,
        errors,
        items,
        csvQuery: queryString(csvFilters),
        head: caseTableHead(filters, sort),
        sortText: sortDescription(sort),
        nextPage: list?.nextCursor ? queryString({ ...filters, cursor: list.nextCursor }) : null,
        policyItems: options(given['policy'], [
          ['', 'Every partnership'],
          ...policies.map((p) => [p.id, p.partnership] as const),
        ]),
        statusItems: options(given['status'], [
          ['', 'Any'],
          ...CASE_STATUSES.map((s) => [s, STATUS_TEXT[s] ?? s] as const),
        ]),
        overdueItems: options(given['overdue'], [
          ['', 'Either'],
          ['true', 'Overdue'],
          ['false', 'Not overdue'],
        ]),
      },
      session,
    );
    if (!parsed.success) response.status(HttpStatus.BAD_REQUEST);
    return caseData(
      items.map((item) => item.ref),
      html,
    );
  }

  /** The list's filters as CSV: the API's export, streamed, each page in the access log. */
  @Get('cases.csv')
  @ReadsCaseData()
  async casesCsv(
    @Query() raw: Record<string, unknown>,
    @CurrentSession() session: ConsoleSession,
    @CaseAccess() access: CaseDataAccess,
    @Res() response: Response,
  ): Promise<void> {
    const parsed = CaseCsvQuerySchema.safeParse(filled(raw));
    if (!parsed.success)
      throw ApiError.badRequest(parsed.error.issues.map((issue) => issue.message).join('; '));
    await this.csv.stream(parsed.data, access, response, session.caller);
  }

  @Get('cases/:ref')
  @ReadsCaseData()
  async casePageOf(
    @Param('ref') ref: string,
    @Query('done') done: string | undefined,
    @CurrentSession() session: ConsoleSession,
    @Res({ passthrough: true }) response: Response,
  ) {
    const page = await this.casePage.view(ref, session.caller);
    const html = renderPage(
      response,
      'case.njk',
      {
        ...page.context,
        isAdmin: session.caller.role === 'admin',
        done: done ? DONE[done] : undefined,
        form: {},
      },
      session,
    );
    return caseData([page.ref], html);
  }

  /**
   * A reply command's action by an administrator, through the API's own door
   * (CasesService.act, as POST /api/v1/cases/:ref/actions), so the mail goes out as it
   * would. A refusal shows the case again with the reason, and that page is a read.
   */
  @Post('cases/:ref/actions')
  @ReadsCaseData()
  async act(
    @Param('ref') ref: string,
    @Body() body: Record<string, unknown>,
    @CurrentSession() session: ConsoleSession,
    @CaseAccess() access: CaseDataAccess,
    @Res() response: Response,
  ): Promise<void> {
    if (session.caller.role !== 'admin')
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'forbidden',
        `acting on a case needs an admin key; this key is an ${session.caller.role}'s`,
      );
    const form = {
      action: str(body['action']),
      text: str(body['text']),
      workingDays: str(body['workingDays']),
      until: str(body['until']),
    };
    const parsed = CaseActionBodySchema.safeParse({
      action: form.action,
      ...(form.text ? { text: form.text } : {}),
      ...(form.action === 'extend' && form.workingDays
        ? { workingDays: Number(form.workingDays) }
        : {}),
      ...(form.action === 'extend' && form.until ? { until: form.until } : {}),
    });
    let problem: string | null = null;
    if (!CONSOLE_ACTIONS.includes(form.action)) problem = 'Choose an action';
    else if (!parsed.success)
      problem = sentence(parsed.error.issues[0]?.message ?? 'check the form');
    else {
      try {
        const acted = await this.cases.act(ref, parsed.data, session.caller);
        await access.returned([acted.ref], HttpStatus.SEE_OTHER);
        response.redirect(
          303,
          `/console/cases/${encodeURIComponent(acted.ref)}?done=${parsed.data.action}`,
        );
        return;
      } catch (error) {
        if (!(error instanceof ApiError) || error.getStatus() === 404) throw error;
        problem = sentence((error.getResponse() as { error: { message: string } }).error.message);
      }
    }
    const page = await this.casePage.view(ref, session.caller);
    const status = HttpStatus.BAD_REQUEST;
    await access.returned([page.ref], status);
    response
      .status(status)
      .send(
        renderPage(
          response,
          'case.njk',
          { ...page.context, isAdmin: true, actionError: problem, form },
          session,
        ),
      );
  }

  @Get('cases/:ref/chronology.pdf')
  @ReadsCaseData()
  async chronologyPdf(@Param('ref') ref: string, @CurrentSession() session: ConsoleSession) {
    const { ref: found, pdf } = await this.records.chronologyPdf(ref, session.caller);
    return caseData([found], pdfAnswer(pdf, `${found}-chronology.pdf`));
  }

  @Get('cases/:ref/records/:formId.pdf')
  @ReadsCaseData()
  async formPdf(
    @Param('ref') ref: string,
    @Param('formId') formId: string,
    @CurrentSession() session: ConsoleSession,
  ) {
    const { ref: found, pdf, id } = await this.records.formPdf(ref, formId, session.caller);
    return caseData([found], pdfAnswer(pdf, `${found}-${id}.pdf`));
  }
}

function pdfAnswer(pdf: Buffer, filename: string): StreamableFile {
  return new StreamableFile(pdf, {
    type: 'application/pdf',
    disposition: `inline; filename="${filename}"`,
  });
}

/** A form's query without its empty fields: an empty box means no filter. */
function filled(raw: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '',
    ),
  );
}

function queryString(values: Record<string, string>): string {
  const query = new URLSearchParams(values).toString();
  return query ? `?${query}` : '';
}

function options(selected: string | undefined, choices: readonly (readonly [string, string])[]) {
  return choices.map(([value, text]) => ({ value, text, selected: (selected ?? '') === value }));
}

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
