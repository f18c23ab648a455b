import { arrayContains, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { accessLog } from '../schema';

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
}
