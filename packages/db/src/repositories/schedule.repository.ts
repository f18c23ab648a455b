import { asc, eq, lte } from 'drizzle-orm';
import type { Executor } from '../database';
import { cases, stages } from '../schema';

/** What the deadline scheduler must look at now: index probes on the checks the domain keeps. */
export class ScheduleRepository {
  async dueStages(executor: Executor, now: Date, limit: number) {
    return executor
      .select({
        ref: cases.ref,
        stage: stages.number,
        dueAt: stages.dueAt,
        checkAt: stages.checkAt,
      })
      .from(stages)
      .innerJoin(cases, eq(cases.id, stages.caseId))
      .where(lte(stages.checkAt, now))
      .orderBy(asc(stages.checkAt))
      .limit(limit);
  }

  /** Stages whose timed steps need a look now (a reminder or a breach), with their steps. */
  async dueSteps(executor: Executor, now: Date, limit: number) {
    return executor
      .select({
        ref: cases.ref,
        stage: stages.number,
        steps: stages.steps,
        stepCheckAt: stages.stepCheckAt,
      })
      .from(stages)
      .innerJoin(cases, eq(cases.id, stages.caseId))
      .where(lte(stages.stepCheckAt, now))
      .orderBy(asc(stages.stepCheckAt))
      .limit(limit);
  }

  async dueOverallLimits(executor: Executor, now: Date, limit: number) {
    return executor
      .select({ ref: cases.ref, overallDueAt: cases.overallDueAt })
      .from(cases)
      .where(lte(cases.overallCheckAt, now))
      .orderBy(asc(cases.overallCheckAt))
      .limit(limit);
  }
}
