import { Inject, Injectable } from '@nestjs/common';
import { CaseQueryRepository, type Database } from '@escalations/db';
import type { Log } from '@escalations/db/log';
import { LOG } from '../logging/log.token';
import type { Response } from 'express';
import { caseListFilters } from './case-list-filters';
import { z } from 'zod';
import type { CaseDataAccess } from '../access-log/access-log.service';
import type { Caller } from '../auth/authenticated-request';
import type { PolicyLibrary } from '@escalations/domain';
import { inScope } from '../auth/scope';
import { CLOCK, DATABASE, POLICY_LIBRARY, type Clock } from '../common/tokens';
import { auditColumns, auditFields } from './cases-csv-audit';
import { CaseListQuerySchema } from './cases.dto';

/** GET /cases.csv: the list's filters; the whole result, so no cursor and no limit. */
// the file holds the cases in the export's own order, so a list's sort is no part of it
export const CaseCsvQuerySchema = CaseListQuerySchema.omit({
  cursor: true,
  limit: true,
  sort: true,
});
export type CaseCsvQuery = z.infer<typeof CaseCsvQuerySchema>;

/** Rows per query: big enough to be quick, small enough that memory stays flat. */
const PAGE_SIZE = 1000;

/**
 * The columns of the file. Not the case name (the child's or adult's name, PID or NHS
 * number): an exported file travels by email and sits on shared drives, beyond the access
 * log's sight, so it carries the reference and never the person.
 */
const COLUMNS = [
  'ref',
  'policy',
  'status',
  'raisedAt',
  'agency',
  'otherAgency',
  'category',
  'risk',
  'currentStage',
  'currentDueDate',
  'overdue',
  'closedAt',
] as const;

type ExportRow = Awaited<ReturnType<CaseQueryRepository['exportPage']>>[number];
type ExportStage = Awaited<ReturnType<CaseQueryRepository['exportStages']>>[number];

/** The case list as CSV, streamed page by page so a large export never sits in memory. */
@Injectable()
export class CasesCsvService {
  private readonly queries = new CaseQueryRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOG) private readonly log: Log,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
  ) {}

  /**
   * Each page's references go into the access log before the page is sent, so the log lists
   * every case the file held, even when the download breaks off part-way.
   */
  async stream(
    query: CaseCsvQuery,
    access: CaseDataAccess,
    response: Response,
    caller: Pick<Caller, 'policies'>,
  ): Promise<void> {
    const filters = caseListFilters(query, caller);
    // One instant for the whole file, so "overdue" means the same on its first and last page.
    const now = this.clock();
    // stage columns for the longest policy the key may see, whatever the filters
    const stageCount = Math.max(
      0,
      ...[...this.library.policies.values()]
        .filter((policy) => inScope(caller, policy.id))
        .map((policy) => policy.stages.length),
    );
    const records = async (rows: ExportRow[]) => {
      const byCase = new Map<string, ExportStage[]>();
      for (const stage of await this.queries.exportStages(
        this.db,
        rows.map((row) => row.id),
      ))
        byCase.set(stage.caseId, [...(byCase.get(stage.caseId) ?? []), stage]);
      return rows
        .map((row) => csvRecord(row, auditFields(row, byCase.get(row.id) ?? [], stageCount)))
        .join('');
    };
    // The first page is read before anything is sent: if the database fails here, the caller
    // still gets an error in the API's shape rather than an empty file.
    let page = await this.queries.exportPage(this.db, filters, now, PAGE_SIZE);
    await access.returned(page.map((row) => row.ref));
    response.status(200);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="cases.csv"');
    response.setHeader('Cache-Control', 'no-store');
    try {
      if (!(await write(response, csvLine([...COLUMNS, ...auditColumns(stageCount)])))) return;
      for (;;) {
        if (page.length > 0 && !(await write(response, await records(page)))) return;
        const last = page.at(-1);
        if (page.length < PAGE_SIZE || !last) break;
        page = await this.queries.exportPage(this.db, filters, now, PAGE_SIZE, {
          raisedAt: last.raisedAt.toISOString(),
          id: last.id,
        });
        await access.returned(page.map((row) => row.ref));
      }
      response.end();
    } catch (error) {
      // The status line has gone: all that is left is to cut the connection, so the client
      // sees a failed download instead of a file that looks complete but is not.
      this.log.error('http.export-failed', { error });
      response.destroy();
    }
  }
}

function csvRecord(row: ExportRow, audit: readonly string[]): string {
  return csvLine([
    row.ref,
    row.policyId,
    row.status,
    row.raisedAt.toISOString(),
    row.agency,
    row.otherAgency,
    row.category,
    row.risk,
    String(row.currentStage),
    row.currentDueDate ?? '',
    row.overdue ? 'yes' : 'no',
    row.closedAt?.toISOString() ?? '',
    ...audit,
  ]);
}

/** RFC 4180: fields separated by commas, records ended by CRLF. */
function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before one) as a
 * formula, and agency names are typed by whoever raised the case: such a field gets a
 * leading apostrophe so it shows as text (OWASP "CSV injection"). Then RFC 4180 quoting:
 * a field holding a comma, quote or line break is quoted, its quotes doubled.
 */
function csvField(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

/**
 * Write and honour backpressure: wait for the socket to drain before the next page. False
 * when the client has gone, so the export stops reading pages nobody will receive.
 */
async function write(response: Response, chunk: string): Promise<boolean> {
  if (response.destroyed) return false;
  if (response.write(chunk)) return true;
  return new Promise<boolean>((resolve) => {
    const done = (drained: boolean) => {
      response.off('drain', onDrain);
      response.off('close', onClose);
      resolve(drained);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    response.on('drain', onDrain);
    response.on('close', onClose);
  });
}
