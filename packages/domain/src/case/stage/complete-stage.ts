import { countWorkingDays } from '../../calendar/count-working-days';
import { startDayOf } from '../../calendar/start-day-of';
import { localMomentOf } from '../../time/zoned-time';
import type { CaseChange } from '../case-change';
import type { StageOutcome, StageRecord } from '../case-state';

/**
 * End a stage: when, how, and how many working days it took from its start day, which the
 * timeliness reports add up (a stage begun and ended on the same day took 0).
 */
export function completeStage(
  change: CaseChange,
  stage: StageRecord,
  at: string,
  outcome: StageOutcome,
): void {
  const { policy, calendar } = change.context;
  const start = startDayOf(calendar, new Date(stage.startedAt), policy.closeOfBusiness);
  const end = localMomentOf(new Date(at), calendar.zone).day;
  stage.completedAt = at;
  stage.outcome = outcome;
  stage.workingDaysTaken = Math.max(0, countWorkingDays(calendar, start, end));
}
