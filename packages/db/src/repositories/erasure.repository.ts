import { and, asc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { cases } from '../schema';

/** A closed case whose retention period has run out, still holding personal data. */
export interface CaseDueForErasure {
  id: string;
  ref: string;
  closedAt: Date;
}

/**
 * Storage limitation: personal data goes, the skeleton stays. The redaction itself is one
 * database function (migration 0011), the only update the events trigger permits.
 */
export class ErasureRepository {
  /** Redact the case's personal data to `marker`; throws if it is absent or already erased. */
  async erase(executor: Executor, caseId: string, marker: string): Promise<void> {
    await executor.execute(sql`select erase_case_personal_data(${caseId}::uuid, ${marker})`);
  }

  /** The case by reference, locked until the transaction ends, with whether it is erased. */
  async lockByRef(executor: Executor, ref: string) {
    const [row] = await executor
      .select({
        id: cases.id,
        ref: cases.ref,
        policyId: cases.policyId,
        currentStage: cases.currentStage,
        closedAt: cases.closedAt,
        erasedAt: cases.erasedAt,
      })
      .from(cases)
      .where(eq(cases.ref, ref))
      .for('update');
    return row ?? null;
  }

  /** The policy's closed cases, closed before `closedBefore`, not yet erased; oldest first. */
  async dueForErasure(
    executor: Executor,
    policyId: string,
    closedBefore: Date,
    limit: number,
  ): Promise<CaseDueForErasure[]> {
    const rows = await executor
      .select({ id: cases.id, ref: cases.ref, closedAt: cases.closedAt })
      .from(cases)
      .where(
        and(
          eq(cases.policyId, policyId),
          isNotNull(cases.closedAt),
          lt(cases.closedAt, closedBefore),
          isNull(cases.erasedAt),
        ),
      )
      .orderBy(asc(cases.closedAt))
      .limit(limit);
    return rows.map((row) => ({ ...row, closedAt: row.closedAt! }));
  }
}
