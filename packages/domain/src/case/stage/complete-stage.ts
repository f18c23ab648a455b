import { countWorkingDays } from '../../calendar/count-working-days';
import { startDayOf } from '../../calendar/start-day-of';
import { withinCalendar } from '../../deadline/beyond-calendar';
import { localMomentOf } from '../../time/zoned-time';
import type { CaseChange } from '../case-change';
import type { StageOutcome, StageRecord } from '../case-state';
import { endSteps } from './stage-steps';

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
  // Past the calendar's end the count is unknown until the year is added: left null.
  const taken = withinCalendar(() => {
    const start = startDayOf(calendar, new Date(stage.startedAt), policy.closeOfBusiness);
    const end = localMomentOf(new Date(at), calendar.zone).day;
    return Math.max(0, countWorkingDays(calendar, start, end));
  });
  stage.completedAt = at;
  stage.outcome = outcome;
  stage.workingDaysTaken = 'value' in taken ? taken.value : null;
  endSteps(stage, at);
}
