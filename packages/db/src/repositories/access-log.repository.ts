import { and, arrayContains, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { accessLog, apiKeys, cases } from '../schema';

export interface AccessLogEntry {
  apiKeyId: string;
  method: string;
  path: string;
  status: number;
  caseRefs: string[];
  at: Date;
}

/** Who read which cases when, and how they were answered. */
export class AccessLogRepository {
  /** One request's row; its id, for a streamed answer that goes on to name more cases. */
  async record(executor: Executor, entry: AccessLogEntry): Promise<number> {
    const [row] = await executor.insert(accessLog).values(entry).returning({ id: accessLog.id });
    return row!.id;
  }

  /** More cases the same answer went on to hold (a CSV export, page by page). */
  async addCases(executor: Executor, id: number, caseRefs: string[]): Promise<void> {
    if (caseRefs.length === 0) return;
    await executor
      .update(accessLog)
      .set({
        caseRefs: sql`${accessLog.caseRefs} || ARRAY[${sql.join(
          caseRefs.map((ref) => sql`${ref}`),
          sql`, `,
        )}]::text[]`,
      })
      .where(eq(accessLog.id, id));
  }

  async listForCase(executor: Executor, ref: string) {
    return executor
      .select()
      .from(accessLog)
      .where(arrayContains(accessLog.caseRefs, [ref]))
      .orderBy(desc(accessLog.at), desc(accessLog.id));
  }

  /**
   * Who read what, newest first: rows at or after `from` and before `to`, of one key, naming
   * one case, before the row `before` (the cursor). With `policies` (a partnership's scope),
   * only rows of keys scoped within those policies or naming a case of them; the caller
   * leaves out the references of other partnerships' cases (`policiesOfRefs`).
   */
  async list(
    executor: Executor,
    filters: {
      from?: Date;
      to?: Date;
      apiKeyId?: string;
      caseRef?: string;
      policies?: readonly string[];
    },
    limit: number,
    before?: number,
  ) {
    const scope = filters.policies ? [...filters.policies] : undefined;
    return executor
      .select({
        id: accessLog.id,
        at: accessLog.at,
        apiKeyId: accessLog.apiKeyId,
        keyLabel: apiKeys.label,
        keyPolicies: apiKeys.policies,
        method: accessLog.method,
        path: accessLog.path,
        status: accessLog.status,
        caseRefs: accessLog.caseRefs,
      })
      .from(accessLog)
      .innerJoin(apiKeys, eq(apiKeys.id, accessLog.apiKeyId))
      .where(
        and(
          filters.from ? gte(accessLog.at, filters.from) : undefined,
          filters.to ? lt(accessLog.at, filters.to) : undefined,
          filters.apiKeyId ? eq(accessLog.apiKeyId, filters.apiKeyId) : undefined,
          filters.caseRef ? arrayContains(accessLog.caseRefs, [filters.caseRef]) : undefined,
          before !== undefined ? lt(accessLog.id, before) : undefined,
          scope
            ? or(
                sql`${apiKeys.policies} <@ ARRAY[${sql.join(
                  scope.map((id) => sql`${id}`),
                  sql`, `,
                )}]::text[]`,
                sql`exists (select 1 from ${cases} where ${cases.ref} = any(${accessLog.caseRefs}) and ${inArray(cases.policyId, scope.length > 0 ? scope : [''])})`,
              )
            : undefined,
        ),
      )
      .orderBy(desc(accessLog.id))
      .limit(limit);
  }

  /** The policy of each of these case references that names a case. */
  async policiesOfRefs(executor: Executor, refs: string[]): Promise<Map<string, string>> {
    if (refs.length === 0) return new Map();
    const rows = await executor
      .select({ ref: cases.ref, policyId: cases.policyId })
      .from(cases)
      .where(inArray(cases.ref, refs));
    return new Map(rows.map((row) => [row.ref, row.policyId]));
  }
}
