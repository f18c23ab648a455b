import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../database';
import { accessLog } from '../schema';

/** Who read which case when. */
export class AccessLogRepository {
  async record(
    executor: Executor,
    entries: { apiKeyId: string; caseId: string | null; method: string; path: string; at: Date }[],
  ): Promise<void> {
    if (entries.length > 0) await executor.insert(accessLog).values(entries);
  }

  async listForCase(executor: Executor, caseId: string) {
    return executor
      .select()
      .from(accessLog)
      .where(eq(accessLog.caseId, caseId))
      .orderBy(desc(accessLog.at));
  }
}
