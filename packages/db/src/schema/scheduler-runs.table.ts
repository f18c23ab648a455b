import { pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from './columns';

/**
 * Periodic jobs done, by key (`digest:nel:2026-W48`): whichever instance inserts the key
 * first does the job, so a weekly digest goes once however many schedulers run.
 */
export const schedulerRuns = pgTable('scheduler_runs', {
  key: text('key').primaryKey(),
  ranAt: instant('ran_at').notNull(),
});
