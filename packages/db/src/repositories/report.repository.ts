import { and, asc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../database';
import { cases, events, stages } from '../schema';

/** The cases a report covers: one policy's, raised in [raisedFrom, raisedBefore). */
export interface ReportScope {
  policy: string;
  raisedFrom?: Date;
  raisedBefore?: Date;
}

/** Which GROUPING SETS row a case-figures row is. */
export type CaseFiguresGrouping = 'all' | 'category' | 'agency';

/**
 * The on-time measure is worked out once, when a case is saved (`stageOnTime`): each stage
 * row keeps its answer (`on_time`: null when not measured) and whether it was breached, and
 * each case row the sums, so the reports count stored figures from indexes alone
 * (`stages_report_idx`, `cases_report_idx`) instead of reading every stage's JSON;
 * a stage row keeps its case's policy and raise instant, so a period's stages need no join.
 */
const measuredStage = sql`(${stages.onTime} is not null)`;
const onTimeStage = sql`(${stages.onTime})`;
/** a timed step of the stage missed (NEL stage 5: the Chair's recommendation) */
const hasStepBreach = sql`exists (select 1 from jsonb_array_elements(${stages.steps}) as step where step->>'breachedAt' is not null)`;

/**
 * Rounded to 3 decimals in SQL; null where nothing was measured (a rate of nothing is not
 * 100%). Cast to float8 because postgres.js hands back numeric as a string.
 */
const rate = (part: SQL, whole: SQL) =>
  sql<number | null>`round((${part})::numeric / nullif(${whole}, 0), 3)::float8`;

/**
 * The timeliness and annual reports, aggregated in the database: however many cases there
 * are, only a row per stage or per group comes back. Every count is cast to int (postgres.js
 * returns bigint aggregates as strings; PGlite as numbers) so both drivers agree.
 */
export class ReportRepository {
  /** Per stage number: how many entered it, how each ended, and its median working days. */
  async stageFigures(executor: Executor, scope: ReportScope) {
    return executor
      .select({
        stage: stages.number,
        entered: sql<number>`count(*)::int`,
        // A DECISION ends the final stage with the disagreement settled: it counts as resolved
        // there, as every policy's final stage is where the matter is resolved.
        resolvedAt: sql<number>`(count(*) filter (where ${stages.outcome} in ('resolved', 'decided')))::int`,
        breached: sql<number>`(count(*) filter (where ${stages.breached}))::int`,
        escalated: sql<number>`(count(*) filter (where ${stages.outcome} = 'escalated'))::int`,
        medianWorkingDays: sql<
          number | null
        >`(percentile_cont(0.5) within group (order by ${stages.workingDaysTaken}) filter (where ${stages.completedAt} is not null))::float8`,
      })
      .from(stages)
      .where(stagesInScope(scope))
      .groupBy(stages.number)
      .orderBy(asc(stages.number));
  }

  /**
   * The on-time measure by the month each stage was due (its due date, in its calendar):
   * per month, the stages measured (had a deadline, and ended or were breached), those on
   * time, and the rate. Months with none measured are left out.
   */
  async onTimeByMonth(executor: Executor, scope: ReportScope) {
    const month = sql<string>`to_char(${stages.dueDate}, 'YYYY-MM')`;
    return executor
      .select({
        month,
        due: sql<number>`count(*)::int`,
        onTime: sql<number>`(count(*) filter (where ${onTimeStage}))::int`,
        rate: rate(sql`count(*) filter (where ${onTimeStage})`, sql`count(*)`),
      })
      .from(stages)
      .where(and(stagesInScope(scope), measuredStage, sql`${stages.dueDate} is not null`))
      .groupBy(month)
      .orderBy(month);
  }

  /**
   * Case counts, stage timeliness and working days to close, for all the cases in scope,
   * by category and by raising agency: one pass over the cases' stored figures (each case's
   * breaches, stages measured and on time, and working days to close, summed from its stages
   * when it was saved), GROUPING SETS ((), (category), (agency)). The whole set comes first,
   * then each grouping by most cases (ties by name, byte order so both engines agree whatever
   * their collation).
   */
  async caseFigures(executor: Executor, scope: ReportScope) {
    const grouping = sql<CaseFiguresGrouping>`(case grouping(${cases.category}, ${cases.agency}) when 3 then 'all' when 1 then 'category' else 'agency' end)`;
    const key = sql<
      string | null
    >`(case grouping(${cases.category}, ${cases.agency}) when 1 then ${cases.category} when 2 then ${cases.agency} end)`;
    const count = (status: string) =>
      sql<number>`(count(*) filter (where ${cases.status} = ${status}))::int`;
    const measured = sql`sum(${cases.measuredStages})`;
    const onTime = sql`sum(${cases.onTimeStages})`;
    return executor
      .select({
        grouping,
        key,
        cases: sql<number>`count(*)::int`,
        open: count('open'),
        resolved: count('resolved'),
        withdrawn: count('withdrawn'),
        decided: count('decided'),
        breaches: sql<number>`coalesce(sum(${cases.breachCount}), 0)::int`,
        measuredStages: sql<number>`coalesce(${measured}, 0)::int`,
        onTimeStages: sql<number>`coalesce(${onTime}, 0)::int`,
        onTimeRate: rate(onTime, measured),
        // a closed case's working days: its stages', each counted from its own start day to
        // the day it ended, so their sum runs from the raise to the close
        medianWorkingDaysToClose: sql<
          number | null
        >`(percentile_cont(0.5) within group (order by ${cases.workingDaysToClose}) filter (where ${cases.status} <> 'open'))::float8`,
      })
      .from(cases)
      .where(inScope(scope))
      .groupBy(sql`grouping sets ((), (${cases.category}), (${cases.agency}))`)
      .orderBy(
        sql`grouping(${cases.category}, ${cases.agency}) desc`,
        sql`count(*) desc`,
        sql`${key} collate "C"`,
      );
  }

  /** The cases in scope whose stages reached `stage`, with that stage, oldest first. */
  async casesReachingStage(executor: Executor, scope: ReportScope, stage: number) {
    return (
      executor
        .select({
          ref: cases.ref,
          raisedAt: cases.raisedAt,
          status: cases.status,
          closedAt: cases.closedAt,
          agency: cases.agency,
          otherAgency: cases.otherAgency,
          category: cases.category,
          stageStartedAt: stages.startedAt,
          stageDueDate: stages.dueDate,
          stageOutcome: stages.outcome,
        })
        // the period's stages at that number, from the stages' own index, then their cases
        .from(stages)
        .innerJoin(cases, eq(cases.id, stages.caseId))
        .where(and(stagesInScope(scope), eq(stages.number, stage)))
        .orderBy(asc(cases.raisedAt), asc(cases.ref))
    );
  }

  /**
   * The stages in scope that missed a timescale or had one extended, with their breaches
   * (each with its rationale, when one was given) and agreed extensions (each with its
   * reason): the rationales for delays an auditor asks for. Oldest case first.
   */
  async delayedStages(executor: Executor, scope: ReportScope) {
    return (
      executor
        .select({
          ref: cases.ref,
          stage: stages.number,
          breaches: stages.breaches,
          extensions: stages.extensions,
          steps: stages.steps,
        })
        // the period's stages from their own index, then only the delayed ones' cases
        .from(stages)
        .innerJoin(cases, eq(cases.id, stages.caseId))
        .where(
          and(
            stagesInScope(scope),
            sql`(${stages.breached} or jsonb_array_length(${stages.extensions}) > 0 or ${hasStepBreach})`,
          ),
        )
        .orderBy(asc(cases.raisedAt), asc(cases.ref), asc(stages.number))
    );
  }

  /**
   * LEARNING given on one policy's cases in [from, before) by when it was recorded, oldest
   * first: the text, the case's category and the agency it came from (the event's data).
   */
  async learning(executor: Executor, policy: string, from?: Date, before?: Date) {
    return executor
      .select({
        ref: cases.ref,
        at: events.at,
        stage: events.stage,
        data: events.data,
      })
      .from(events)
      .innerJoin(cases, eq(cases.id, events.caseId))
      .where(
        and(
          eq(cases.policyId, policy),
          eq(events.type, 'learning-recorded'),
          from ? gte(events.at, from) : undefined,
          before ? lt(events.at, before) : undefined,
        ),
      )
      .orderBy(asc(events.at), asc(events.id));
  }
}

/** The same cases' stages, by the policy and raise instant each stage row keeps of its case. */
function stagesInScope(scope: ReportScope): SQL | undefined {
  return and(
    eq(stages.policyId, scope.policy),
    scope.raisedFrom ? gte(stages.caseRaisedAt, scope.raisedFrom) : undefined,
    scope.raisedBefore ? lt(stages.caseRaisedAt, scope.raisedBefore) : undefined,
  );
}

function inScope(scope: ReportScope): SQL | undefined {
  return and(
    eq(cases.policyId, scope.policy),
    scope.raisedFrom ? gte(cases.raisedAt, scope.raisedFrom) : undefined,
    scope.raisedBefore ? lt(cases.raisedAt, scope.raisedBefore) : undefined,
  );
}
