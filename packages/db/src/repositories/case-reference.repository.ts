import { sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { caseReferences } from '../schema';

/** References like NEL-2026-0007: per policy and year, in order, never two alike. */
export class CaseReferenceRepository {
  async next(executor: Executor, policyId: string, code: string, year: number): Promise<string> {
    const [row] = await executor
      .insert(caseReferences)
      .values({ policyId, year, last: 1 })
      .onConflictDoUpdate({
        target: [caseReferences.policyId, caseReferences.year],
        set: { last: sql`${caseReferences.last} + 1` },
      })
      .returning({ last: caseReferences.last });
    return `${code}-${year}-${String(row!.last).padStart(4, '0')}`;
  }
}
