import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { CaseStatus } from '@escalations/domain';
import type { Executor } from '../database';
import { cases, stages } from '../schema';
import {
  caseListAfter,
  caseListOrder,
  type CaseListSort,
  type CaseListSortedCursor,
} from './case-list-order';

export interface CaseListFilters {
  policy?: string;
  /** the caller's scope: only cases of these policies (absent: every policy) */
  policies?: readonly string[];
  status?: CaseStatus;
  stage?: number;
  /** open cases whose current stage's due instant has passed */
  overdue?: boolean;
  /** the raising or the other agency */
  agency?: string;
  category?: string;
  /** raised on or after / before */
  from?: Date;
  to?: Date;
}

export interface CaseListCursor {
  raisedAt: string;
  id: string;
}

/**
 * The case list and its CSV export: the same filters on indexed columns, newest first (the
 * list also in a sort of case-list-order.ts), keyset pagination. Each query is its own
 * method; the conditions are shared, so the file a
 * user downloads holds exactly the cases the list shows for the same filters.
 */
export class CaseQueryRepository {
  async list(
    executor: Executor,
    filters: CaseListFilters,
    now: Date,
    limit: number,
    after?: CaseListCursor | CaseListSortedCursor,
    sort?: CaseListSort,
  ) {
    return executor
      .select({
        id: cases.id,
        ref: cases.ref,
        policyId: cases.policyId,
        status: cases.status,
        raisedAt: cases.raisedAt,
        caseName: cases.caseName,
        agency: cases.agency,
        otherAgency: cases.otherAgency,
        category: cases.category,
        risk: cases.risk,
        currentStage: cases.currentStage,
        currentDueDate: cases.currentDueDate,
        currentDueAt: cases.currentDueAt,
        closedAt: cases.closedAt,
      })
      .from(cases)
      .where(this.where(filters, now, after))
      .orderBy(...(sort ? caseListOrder(sort) : [desc(cases.raisedAt), desc(cases.id)]))
      .limit(limit);
  }

  /**
   * One page of the CSV export. The case name is not even read: an exported file travels
   * (email, shared drives) where the child's or adult's identifier must not.
   */
  async exportPage(
    executor: Executor,
    filters: CaseListFilters,
    now: Date,
    limit: number,
    after?: CaseListCursor,
  ) {
    return executor
      .select({
        id: cases.id,
        ref: cases.ref,
        policyId: cases.policyId,
        status: cases.status,
        raisedAt: cases.raisedAt,
        agency: cases.agency,
        otherAgency: cases.otherAgency,
        category: cases.category,
        risk: cases.risk,
        currentStage: cases.currentStage,
        currentDueDate: cases.currentDueDate,
        overdue: sql<boolean>`coalesce(${overdueAt(now)}, false)`,
        closedAt: cases.closedAt,
        closingText: cases.closingText,
      })
      .from(cases)
      .where(this.where(filters, now, after))
      .orderBy(desc(cases.raisedAt), desc(cases.id))
      .limit(limit);
  }

  /**
   * The stages of an export page's cases, for its per-stage columns: when each was entered,
   * its due date, when it was left and how, and how many breaches it had (its steps' too).
   */
  async exportStages(executor: Executor, caseIds: readonly string[]) {
    if (caseIds.length === 0) return [];
    return executor
      .select({
        caseId: stages.caseId,
        number: stages.number,
        startedAt: stages.startedAt,
        dueDate: stages.dueDate,
        completedAt: stages.completedAt,
        outcome: stages.outcome,
        // the stage's own breaches and its timed steps' missed (NEL: the Chair's recommendation)
        breaches: sql<number>`(jsonb_array_length(${stages.breaches}) + (select count(*) from jsonb_array_elements(${stages.steps}) as step where step->>'breachedAt' is not null))::int`,
      })
      .from(stages)
      .where(inArray(stages.caseId, [...caseIds]))
      .orderBy(asc(stages.caseId), asc(stages.number));
  }

  /**
   * The timed steps missed (NEL stage 5: the Chair's recommendation) on the cases given, by
   * case and stage: for the weekly digest, which lists them beside each open case.
   */
  async missedSteps(executor: Executor, caseIds: readonly string[]) {
    if (caseIds.length === 0) return [];
    const rows = await executor
      .select({ caseId: stages.caseId, number: stages.number, steps: stages.steps })
      .from(stages)
      .where(
        and(
          inArray(stages.caseId, [...caseIds]),
          sql`exists (select 1 from jsonb_array_elements(${stages.steps}) as step where step->>'breachedAt' is not null)`,
        ),
      )
      .orderBy(asc(stages.caseId), asc(stages.number));
    return rows.flatMap((row) =>
      row.steps
        .filter((step) => step.breachedAt !== null && step.dueDate !== null)
        .map((step) => ({
          caseId: row.caseId,
          stage: row.number,
          step: step.id,
          dueDate: step.dueDate!,
        })),
    );
  }

  private where(
    filters: CaseListFilters,
    now: Date,
    after?: CaseListCursor | CaseListSortedCursor,
  ): SQL | undefined {
    const conditions = [...this.conditions(filters, now)];
    if (after && 'sort' in after) conditions.push(caseListAfter(after));
    else if (after) {
      const raisedAt = new Date(after.raisedAt);
      conditions.push(
        or(
          lt(cases.raisedAt, raisedAt),
          and(eq(cases.raisedAt, raisedAt), lt(cases.id, after.id)),
        )!,
      );
    }
    return and(...conditions);
  }

  private *conditions(filters: CaseListFilters, now: Date): Generator<SQL> {
    if (filters.policy) yield eq(cases.policyId, filters.policy);
    if (filters.policies)
      yield filters.policies.length > 0
        ? inArray(cases.policyId, [...filters.policies])
        : sql`false`;
    if (filters.status) yield eq(cases.status, filters.status);
    if (filters.stage) yield eq(cases.currentStage, filters.stage);
    if (filters.overdue === true) yield overdueAt(now);
    if (filters.overdue === false) {
      yield or(
        sql`${cases.status} <> 'open'`,
        sql`${cases.currentDueAt} is null`,
        gte(cases.currentDueAt, now),
      )!;
    }
    if (filters.agency)
      yield or(eq(cases.agency, filters.agency), eq(cases.otherAgency, filters.agency))!;
    if (filters.category) yield eq(cases.category, filters.category);
    if (filters.from) yield gte(cases.raisedAt, filters.from);
    if (filters.to) yield lte(cases.raisedAt, filters.to);
  }
}

/** Open, and the current stage's due instant has passed (null when it has no due instant). */
function overdueAt(now: Date): SQL {
  return and(eq(cases.status, 'open'), lt(cases.currentDueAt, now))!;
}
