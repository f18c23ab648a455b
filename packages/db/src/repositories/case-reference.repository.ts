import { sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { caseReferences } from '../schema';

/** References like NEL-2026-0007: per policy and year, in order, never two alike. */
export class CaseReferenceRepository {
  /**
   * The next `count` references of each policy and year, in order, taken in one statement;
   * each policy and year's counter locked in the order given, so callers that give them in
   * one order never wait for each other's.
   */
  async reserve(
    executor: Executor,
    wanted: readonly { policyId: string; code: string; year: number; count: number }[],
  ): Promise<string[][]> {
    if (wanted.length === 0) return [];
    const rows = await executor
      .insert(caseReferences)
      .values(wanted.map(({ policyId, year, count }) => ({ policyId, year, last: count })))
      .onConflictDoUpdate({
        target: [caseReferences.policyId, caseReferences.year],
        set: { last: sql`${caseReferences.last} + excluded.${sql.raw(caseReferences.last.name)}` },
      })
      .returning({
        policyId: caseReferences.policyId,
        year: caseReferences.year,
        last: caseReferences.last,
      });
    return wanted.map(({ policyId, code, year, count }) => {
      const row = rows.find((each) => each.policyId === policyId && each.year === year);
      if (!row) throw new Error(`no references reserved for ${policyId} ${year}`);
      const first = row.last - count + 1;
      return Array.from(
        { length: count },
        (_, i) => `${code}-${year}-${String(first + i).padStart(4, '0')}`,
      );
    });
  }
}
