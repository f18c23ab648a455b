import { and, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { cases } from '../schema';

/** What the console's overview counts for one partnership, at one moment. */
export interface OverviewWindow {
  policy: string;
  now: Date;
  /** the last local date counted as "due soon" (the fifth working day ahead) */
  dueSoonUntil: string;
  /** this month, [monthFrom, monthBefore) */
  monthFrom: Date;
  monthBefore: Date;
  /** resolutions since this instant make the median */
  medianFrom: Date;
}

/**
 * The overview's counts, aggregated in the database on the indexed columns: open cases by
 * stage, overdue now and due soon (the case's current stage), deadlines missed and cases
 * closed this month, and the median working days from raise to close.
 */
export class OverviewRepository {
  async openByStage(executor: Executor, policy: string) {
    return executor
      .select({ stage: cases.currentStage, open: sql<number>`count(*)::int` })
      .from(cases)
      .where(and(eq(cases.policyId, policy), eq(cases.status, 'open')))
      .groupBy(cases.currentStage)
      .orderBy(cases.currentStage);
  }

  async counts(executor: Executor, window: OverviewWindow) {
    const open = and(eq(cases.policyId, window.policy), eq(cases.status, 'open'));
    const [[overdue], [dueSoon], [breaches], [closed], [median]] = await Promise.all([
      executor
        .select({ n: sql<number>`count(*)::int` })
        .from(cases)
        .where(and(open, lt(cases.currentDueAt, window.now))),
      executor
        .select({ n: sql<number>`count(*)::int` })
        .from(cases)
        .where(
          and(
            open,
            gte(cases.currentDueAt, window.now),
            lte(cases.currentDueDate, window.dueSoonUntil),
          ),
        ),
      // A stage's breaches are dated at the due instant that passed. Counted case by case, so
      // each case's breached stages come from stages_breached_idx rather than a scan of them all.
      executor
        .select({
          // spelt out: inside a subquery, drizzle's unqualified "id" would be the stage's
          n: sql<number>`coalesce(sum((
            select count(*) from stages
            cross join jsonb_array_elements(stages.breaches) as breach
            where stages.case_id = cases.id
              and jsonb_array_length(stages.breaches) > 0
              and (breach->>'at')::timestamptz >= ${window.monthFrom.toISOString()}::timestamptz
              and (breach->>'at')::timestamptz < ${window.monthBefore.toISOString()}::timestamptz
          )), 0)::int`,
        })
        .from(cases)
        .where(
          and(
            eq(cases.policyId, window.policy),
            // only a case whose latest breach is this month or later can have one this month
            // (cases_policy_breach_idx finds just those)
            gte(cases.lastBreachAt, window.monthFrom),
            // A breach falls while its case is open: only cases open now or closed since the
            // month began can have one this month.
            or(isNull(cases.closedAt), gte(cases.closedAt, window.monthFrom)),
          ),
        ),
      executor
        .select({ n: sql<number>`count(*)::int` })
        .from(cases)
        .where(
          and(
            eq(cases.policyId, window.policy),
            inArray(cases.status, ['resolved', 'decided']),
            gte(cases.closedAt, window.monthFrom),
            lt(cases.closedAt, window.monthBefore),
          ),
        ),
      // the working days each case took, summed from its stages when it closed
      // (cases_policy_resolved_idx holds them: no stage is read)
      executor
        .select({
          days: sql<
            number | null
          >`(percentile_cont(0.5) within group (order by ${cases.workingDaysToClose}))::float8`,
          cases: sql<number>`count(*)::int`,
        })
        .from(cases)
        .where(
          and(
            eq(cases.policyId, window.policy),
            inArray(cases.status, ['resolved', 'decided']),
            gte(cases.closedAt, window.medianFrom),
            lte(cases.closedAt, window.now),
          ),
        ),
    ]);
    return {
      overdue: overdue?.n ?? 0,
      dueSoon: dueSoon?.n ?? 0,
      breachesThisMonth: breaches?.n ?? 0,
      resolvedThisMonth: closed?.n ?? 0,
      medianWorkingDaysToResolve: median?.days ?? null,
      resolvedForMedian: median?.cases ?? 0,
    };
  }
}
