import { Inject, Injectable } from '@nestjs/common';
import { OverviewRepository, type Database } from '@escalations/db';
import {
  addWorkingDays,
  calendarOf,
  dayNumberOfParts,
  instantAt,
  isoDateOf,
  localMomentOf,
  type PolicyFile,
  type PolicyLibrary,
  type WorkingDayCalendar,
} from '@escalations/domain';
import type { Caller } from '../auth/authenticated-request';
import { inScope } from '../auth/scope';
import { CasesService } from '../cases/cases.service';
import { CLOCK, DATABASE, POLICY_LIBRARY, type Clock } from '../common/tokens';

/** "Due soon": the current stage falls due within this many working days. */
export const DUE_SOON_WORKING_DAYS = 5;
/** how many of the overdue cases the overview names; the case list has the rest */
const OVERDUE_LISTED = 20;
/** the median counts the cases resolved in the last year */
const MEDIAN_DAYS = 365;

/**
 * The overview of each partnership in the caller's scope: counts aggregated in the database,
 * and the cases overdue now read through the case list (the API's own path), so every one of
 * them it names is a read the access log records.
 */
@Injectable()
export class OverviewService {
  private readonly overview = new OverviewRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cases: CasesService,
  ) {}

  async partnerships(caller: Caller) {
    const policies = [...this.library.policies.values()].filter((policy) =>
      inScope(caller, policy.id),
    );
    return Promise.all(policies.map((policy) => this.of(policy, caller)));
  }

  private async of(policy: PolicyFile, caller: Caller) {
    const now = this.clock();
    const calendar = calendarOf(this.library, policy, undefined);
    const today = localMomentOf(now, calendar.zone).day;
    const month = new Date(today * 86_400_000);
    const monthStart = dayNumberOfParts(month.getUTCFullYear(), month.getUTCMonth() + 1, 1);
    const nextMonth = dayNumberOfParts(
      month.getUTCFullYear() + (month.getUTCMonth() === 11 ? 1 : 0),
      ((month.getUTCMonth() + 1) % 12) + 1,
      1,
    );
    const [byStage, counts, overdue] = await Promise.all([
      this.overview.openByStage(this.db, policy.id),
      this.overview.counts(this.db, {
        policy: policy.id,
        now,
        dueSoonUntil: dueSoonUntil(calendar, today),
        monthFrom: instantAt(monthStart, '00:00', calendar.zone),
        monthBefore: instantAt(nextMonth, '00:00', calendar.zone),
        medianFrom: new Date(now.getTime() - MEDIAN_DAYS * 86_400_000),
      }),
      this.cases.list(
        { policy: policy.id, status: 'open', overdue: true, limit: OVERDUE_LISTED },
        caller,
      ),
    ]);
    return {
      policy: { id: policy.id, title: policy.title, partnership: policy.partnership },
      month: isoDateOf(monthStart).slice(0, 7),
      openByStage: policy.stages.map((stage) => ({
        stage: stage.number,
        title: stage.title,
        open: byStage.find((row) => row.stage === stage.number)?.open ?? 0,
      })),
      open: byStage.reduce((sum, row) => sum + row.open, 0),
      ...counts,
      overdueCases: overdue.items.map((item) => ({
        ...item,
        stageTitle: policy.stages[item.currentStage - 1]?.title ?? null,
      })),
    };
  }
}

/** The fifth working day after today: the last due date that counts as "due soon". */
function dueSoonUntil(calendar: WorkingDayCalendar, today: number): string {
  try {
    return isoDateOf(addWorkingDays(calendar, today, DUE_SOON_WORKING_DAYS));
  } catch {
    // past the calendar's last year: a week of calendar days rather than nothing
    return isoDateOf(today + DUE_SOON_WORKING_DAYS + 2);
  }
}
