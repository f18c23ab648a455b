import type { Executor } from '../database';
import { schedulerRuns } from '../schema';

export class SchedulerRunRepository {
  /** True for exactly one caller per key. */
  async claim(executor: Executor, key: string, at: Date): Promise<boolean> {
    const rows = await executor
      .insert(schedulerRuns)
      .values({ key, ranAt: at })
      .onConflictDoNothing()
      .returning({ key: schedulerRuns.key });
    return rows.length > 0;
  }
}
