import { sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { caseReferences } from '../schema';

/** References like NEL-2026-0007: per policy and year, in order, never two alike. */
export class CaseReferenceRepository {
  /** The next `count` references of a policy and year, in order, taken in one statement. */
  async reserve(
    executor: Executor,
    policyId: string,
    code: string,
    year: number,
    count: number,
  ): Promise<string[]> {
    const [row] = await executor
      .insert(caseReferences)
      .values({ policyId, year, last: count })
      .onConflictDoUpdate({
        target: [caseReferences.policyId, caseReferences.year],
        set: { last: sql`${caseReferences.last} + ${count}` },
      })
      .returning({ last: caseReferences.last });
    const first = row!.last - count + 1;
    return Array.from(
      { length: count },
      (_, i) => `${code}-${year}-${String(first + i).padStart(4, '0')}`,
    );
  }
}
