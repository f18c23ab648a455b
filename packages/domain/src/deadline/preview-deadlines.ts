import { describeBeyondCalendar, withinCalendar, type BeyondCalendar } from './beyond-calendar';
import { stageDeadline, type StageDeadline } from './stage-deadline';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { PolicyFile } from '../policy/policy.schema';

export interface StagePreview {
  stage: number;
  title: string;
  whoActs: string;
  /**
   * when the stage would start if every stage before it ran to its limit; null when that is
   * past the end of the calendar
   */
  startsAt: Date | null;
  /** null where the policy sets no timescales, or the date is past the calendar's end */
  deadline: StageDeadline | null;
  /** set when the due date falls past the calendar's end: the year to add */
  beyondCalendar: (BeyondCalendar & { message: string }) | null;
  /** the policy's words for this stage's timescale */
  source: string | null;
}

/**
 * Every stage's deadline if each ran to its limit: each stage after the first starts at
 * the due instant of the one before (POLICIES.md), so islands' stages run out at D0+1,
 * D0+3, D0+5 and D0+10, the document's "maximum of ten working days". Stages whose dates
 * fall past the calendar's end say which year's holidays to add instead of failing.
 */
export function previewDeadlines(
  policy: PolicyFile,
  calendar: WorkingDayCalendar,
  raisedAt: Date,
  startStage = 1,
): StagePreview[] {
  if (!Number.isInteger(startStage) || startStage < 1 || startStage > policy.stages.length) {
    throw new RangeError(`${policy.id} has stages 1 to ${policy.stages.length}, not ${startStage}`);
  }
  if (startStage > 1 && !policy.startAboveStageOne.allowed) {
    throw new RangeError(`${policy.id} starts every disagreement at stage 1`);
  }
  const previews: StagePreview[] = [];
  let startsAt: Date | null = raisedAt;
  let beyond: BeyondCalendar | null = null;
  for (const stage of policy.stages.slice(startStage - 1)) {
    let deadline: StageDeadline | null = null;
    if (!beyond && startsAt) {
      const from: Date = startsAt;
      const result = withinCalendar((): StageDeadline | null =>
        stageDeadline(policy, calendar, { raisedAt, stage: stage.number, startedAt: from }),
      );
      if ('beyond' in result) beyond = result.beyond;
      else deadline = result.value;
    }
    previews.push({
      stage: stage.number,
      title: stage.title,
      whoActs: stage.whoActs,
      startsAt,
      deadline,
      beyondCalendar: beyond ? { ...beyond, message: describeBeyondCalendar(beyond) } : null,
      source: stage.deadline?.source ?? null,
    });
    if (beyond) startsAt = null;
    else if (deadline) startsAt = deadline.dueAt;
  }
  return previews;
}
