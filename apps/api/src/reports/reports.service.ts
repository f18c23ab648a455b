import { Inject, Injectable } from '@nestjs/common';
import { ReportRepository, type Database, type ReportScope } from '@escalations/db';
import type { PolicyFile, PolicyLibrary } from '@escalations/domain';
import type { Caller } from '../auth/authenticated-request';
import { inScope } from '../auth/scope';
import { unknownPolicy } from '../cases/cases.service';
import { DATABASE, POLICY_LIBRARY } from '../common/tokens';
import { delaysOf } from './delays';
import type { AnnualQuery, LearningQuery, TimelinessQuery } from './reports.dto';

const DAY_MS = 86_400_000;

/**
 * Stated in every response, so a figure read out of context still says what it measures.
 * `stageOnTime` (@escalations/db) implements it, stored on each stage and case as they change.
 */
export const ON_TIME_DEFINITION =
  'Of the stages that had a deadline and have either ended or been breached, the share that ' +
  'ended at or before their due instant (an agreed extension counts) with no breach recorded. ' +
  'Open stages not yet breached are not counted. Null when there are none.';

/** What "resolved at" counts, stated with the figures like the on-time measure. */
export const RESOLVED_AT_DEFINITION =
  'A stage a case was resolved at: closed there by RESOLVED or AGREE, or by a DECISION at the ' +
  'final stage, which settles the disagreement there.';

type CaseFiguresRow = Awaited<ReturnType<ReportRepository['caseFigures']>>[number];

/** The timeliness and annual reports: the repository aggregates, this shapes the answer. */
@Injectable()
export class ReportsService {
  private readonly reports = new ReportRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
  ) {}

  /** Cases raised between `from` and `to`, whole UTC days, both inclusive and optional. */
  async timeliness(query: TimelinessQuery, caller: Pick<Caller, 'policies'>) {
    const { policy, scope } = this.timelinessScope(query, caller);
    const [figures, delayed] = await Promise.all([
      this.timelinessFigures(query, caller),
      this.reports.delayedStages(this.db, scope),
    ]);
    // each missed timescale with its rationale, each extension with its reason
    return { ...figures, ...delaysOf(delayed, policy) };
  }

  /**
   * The timeliness report's figures without the rationales for delays: what the console
   * draws, so it does not wait for (nor carry) every missed timescale of the period.
   */
  async timelinessFigures(query: TimelinessQuery, caller: Pick<Caller, 'policies'>) {
    const { policy, scope } = this.timelinessScope(query, caller);
    const [stageRows, groupRows, months] = await Promise.all([
      this.reports.stageFigures(this.db, scope),
      this.reports.caseFigures(this.db, scope),
      this.reports.onTimeByMonth(this.db, scope),
    ]);
    const overall = groupRows.find((row) => row.grouping === 'all');
    return {
      policy: policy.id,
      from: query.from ?? null,
      to: query.to ?? null,
      resolvedAtDefinition: RESOLVED_AT_DEFINITION,
      // Every stage of the policy, so a stage nobody reached shows as zeros, not as a gap.
      stages: policy.stages.map((definition) => {
        const row = stageRows.find((r) => r.stage === definition.number);
        return {
          stage: definition.number,
          title: definition.title,
          entered: row?.entered ?? 0,
          resolvedAt: row?.resolvedAt ?? 0,
          breached: row?.breached ?? 0,
          escalated: row?.escalated ?? 0,
          medianWorkingDays: row?.medianWorkingDays ?? null,
        };
      }),
      overall: caseCounts(overall),
      onTimeDefinition: ON_TIME_DEFINITION,
      byCategory: groupRows
        .filter((row) => row.grouping === 'category')
        .map((row) => ({ category: row.key ?? '', ...caseCounts(row) })),
      byAgency: groupRows
        .filter((row) => row.grouping === 'agency')
        .map((row) => ({ agency: row.key ?? '', ...caseCounts(row) })),
      // the on-time measure by the month each stage was due: a trend, not just a total
      onTimeByMonth: months.map(({ month, due, onTime, rate }) => ({ month, due, onTime, rate })),
    };
  }

  private timelinessScope(query: TimelinessQuery, caller: Pick<Caller, 'policies'>) {
    const policy = this.policyOf(query.policy, caller);
    const scope: ReportScope = {
      policy: policy.id,
      ...(query.from ? { raisedFrom: startOfUtcDay(query.from) } : {}),
      ...(query.to ? { raisedBefore: new Date(startOfUtcDay(query.to).getTime() + DAY_MS) } : {}),
    };
    return { policy, scope };
  }

  /**
   * Learning recorded between `from` and `to` (whole UTC days, inclusive), each item with its
   * case, category and agency, and grouped by category and by agency for the partnership.
   */
  async learning(query: LearningQuery, caller: Pick<Caller, 'policies'>) {
    const policy = this.policyOf(query.policy, caller);
    return this.learningOf(
      policy,
      query.from ? startOfUtcDay(query.from) : undefined,
      query.to ? new Date(startOfUtcDay(query.to).getTime() + DAY_MS) : undefined,
      { from: query.from ?? null, to: query.to ?? null },
    );
  }

  private async learningOf(
    policy: PolicyFile,
    from: Date | undefined,
    before: Date | undefined,
    window: Record<string, unknown>,
  ) {
    const rows = await this.reports.learning(this.db, policy.id, from, before);
    const labelOf = (key: string) =>
      policy.categories.find((category) => category.key === key)?.label ?? key;
    const learning = rows.map((row) => ({
      ref: row.ref,
      at: row.at.toISOString(),
      stage: row.stage,
      category: typeof row.data['category'] === 'string' ? row.data['category'] : '',
      agency: typeof row.data['agency'] === 'string' ? row.data['agency'] : null,
      text: typeof row.data['learning'] === 'string' ? row.data['learning'] : '',
    }));
    const groupBy = (keyOf: (item: (typeof learning)[number]) => string) => {
      const groups = new Map<string, typeof learning>();
      for (const item of learning)
        groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
      return [...groups].sort(([a], [b]) => a.localeCompare(b));
    };
    return {
      policy: policy.id,
      ...window,
      learning,
      byCategory: groupBy((item) => item.category).map(([category, items]) => ({
        category,
        label: labelOf(category),
        count: items.length,
        learning: items,
      })),
      byAgency: groupBy((item) => item.agency ?? '').map(([agency, items]) => ({
        agency: agency || null,
        count: items.length,
        learning: items,
      })),
    };
  }

  /** Cases raised in the calendar year (UTC). */
  async annual(query: AnnualQuery, caller: Pick<Caller, 'policies'>) {
    const { policy, scope } = this.annualScope(query, caller);
    const [figures, delayed] = await Promise.all([
      this.annualFigures(query, caller),
      this.reports.delayedStages(this.db, scope),
    ]);
    const { learning, ...rest } = figures;
    return {
      ...rest,
      // the documented rationales for missed timescales ("a clear rational for the delay",
      // islands), and the reasons for agreed extensions, of the year's cases
      ...delaysOf(delayed, policy),
      learning,
    };
  }

  /**
   * The annual report without the rationales for delays: what the console prints, so it does
   * not wait for (nor carry) every missed timescale of the year.
   */
  async annualFigures(query: AnnualQuery, caller: Pick<Caller, 'policies'>) {
    const { policy, scope } = this.annualScope(query, caller);
    const finalStage = policy.stages.length;
    const [reached, stageRows, groupRows, learning] = await Promise.all([
      this.reports.casesReachingStage(this.db, scope, finalStage),
      this.reports.stageFigures(this.db, scope),
      this.reports.caseFigures(this.db, scope),
      // the learning given during the year, whenever its case was raised
      this.learningOf(policy, scope.raisedFrom, scope.raisedBefore, {}),
    ]);
    const overall = groupRows.find((row) => row.grouping === 'all');
    const counts = caseCounts(overall);
    return {
      policy: policy.id,
      year: query.year,
      finalStage,
      // "The Partnership ... will retain a record of any unresolved concerns which reach
      // Stage 4 and include this information in the Partnership Annual Report": the final
      // stage of whichever policy this is.
      reachedFinalStage: reached.map((row) => ({
        ref: row.ref,
        raisedAt: row.raisedAt.toISOString(),
        status: row.status,
        closedAt: row.closedAt?.toISOString() ?? null,
        agency: row.agency,
        otherAgency: row.otherAgency,
        category: row.category,
        finalStage: {
          startedAt: row.stageStartedAt.toISOString(),
          dueDate: row.stageDueDate,
          outcome: row.stageOutcome,
        },
      })),
      figures: {
        raised: counts.cases,
        open: counts.open,
        resolved: counts.resolved,
        withdrawn: counts.withdrawn,
        decided: counts.decided,
        resolvedPerStage: policy.stages.map((definition) => ({
          stage: definition.number,
          resolved: stageRows.find((r) => r.stage === definition.number)?.resolvedAt ?? 0,
        })),
        breaches: overall?.breaches ?? 0,
        onTimeRate: counts.onTimeRate,
        medianWorkingDaysToClose: overall?.medianWorkingDaysToClose ?? null,
      },
      onTimeDefinition: ON_TIME_DEFINITION,
      resolvedAtDefinition: RESOLVED_AT_DEFINITION,
      learning: {
        items: learning.learning,
        byCategory: learning.byCategory,
        byAgency: learning.byAgency,
      },
    };
  }

  private annualScope(query: AnnualQuery, caller: Pick<Caller, 'policies'>) {
    const policy = this.policyOf(query.policy, caller);
    const scope = {
      policy: policy.id,
      raisedFrom: new Date(Date.UTC(query.year, 0, 1)),
      raisedBefore: new Date(Date.UTC(query.year + 1, 0, 1)),
    } satisfies ReportScope;
    return { policy, scope };
  }

  /** A report is one partnership's: another's is not found, exactly as an unknown policy. */
  private policyOf(id: string, caller: Pick<Caller, 'policies'>): PolicyFile {
    const policy = this.library.policies.get(id);
    if (!policy || !inScope(caller, policy.id)) throw unknownPolicy(id, this.library, caller);
    return policy;
  }
}

function startOfUtcDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** An empty scope still has an answer: zero cases, no rate. */
function caseCounts(row: CaseFiguresRow | undefined) {
  return {
    cases: row?.cases ?? 0,
    open: row?.open ?? 0,
    resolved: row?.resolved ?? 0,
    withdrawn: row?.withdrawn ?? 0,
    decided: row?.decided ?? 0,
    onTimeRate: row?.onTimeRate ?? null,
  };
}
