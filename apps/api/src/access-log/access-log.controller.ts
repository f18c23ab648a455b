import { Controller, Get, Inject, Query } from '@nestjs/common';
import { AccessLogRepository, CaseRepository, type Database } from '@escalations/db';
import type { Caller } from '../auth/authenticated-request';
import { CurrentCaller } from '../auth/current-caller';
import { assertInScope, inScope, scopedPolicies, withinScope } from '../auth/scope';
import { ApiError } from '../common/api-error';
import { DATABASE } from '../common/tokens';
import { ZodPipe } from '../common/zod.pipe';
import { AccessLogQuerySchema, type AccessLogQuery } from './access-log.dto';
import { caseData, ReadsCaseData } from './reads-case-data';

const DAY_MS = 86_400_000;

/**
 * Who read what: each read of case data with the key's label, the route, how it was
 * answered and the cases it held. A partnership's key sees its own keys' reads and any read
 * of its cases, never another partnership's references (nor, for another's read, its query
 * string); reading the log is itself logged.
 */
@Controller('api/v1/access-log')
export class AccessLogController {
  private readonly log = new AccessLogRepository();
  private readonly cases = new CaseRepository();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get()
  @ReadsCaseData()
  async list(
    @Query(new ZodPipe(AccessLogQuerySchema)) query: AccessLogQuery,
    @CurrentCaller() caller: Caller,
  ) {
    if (query.case !== undefined) {
      // A case another partnership's, or none at all: the same 404.
      const found = await this.cases.findByRef(this.db, query.case);
      if (!found) throw ApiError.notFound(`case ${query.case}`);
      assertInScope(caller, found.state.policyId, `case ${query.case}`);
    }
    const policies = scopedPolicies(caller);
    const rows = await this.log.list(
      this.db,
      {
        ...(query.from ? { from: new Date(`${query.from}T00:00:00Z`) } : {}),
        ...(query.to ? { to: new Date(new Date(`${query.to}T00:00:00Z`).getTime() + DAY_MS) } : {}),
        ...(query.key ? { apiKeyId: query.key } : {}),
        ...(query.case ? { caseRef: query.case } : {}),
        ...(policies ? { policies } : {}),
      },
      query.limit + 1,
      query.cursor ? Number(query.cursor) : undefined,
    );
    const page = rows.slice(0, query.limit);
    const owners = policies
      ? await this.log.policiesOfRefs(this.db, [...new Set(page.flatMap((row) => row.caseRefs))])
      : null;
    const visible = (refs: string[]) =>
      owners ? refs.filter((ref) => inScope(caller, owners.get(ref) ?? null)) : refs;
    const entries = page.map((row) => ({
      at: row.at.toISOString(),
      key: { id: row.apiKeyId, label: row.keyLabel },
      // Another's read of this partnership's cases: its query may name what is not ours.
      route: `${row.method} ${withinScope(caller, row.keyPolicies) ? row.path : row.path.split('?')[0]}`,
      status: row.status,
      caseRefs: visible(row.caseRefs),
    }));
    return caseData([...new Set(entries.flatMap((entry) => entry.caseRefs))], {
      entries,
      nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null,
    });
  }
}
