import { stageDeadline, type StageDeadline } from './stage-deadline';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { PolicyFile } from '../policy/policy.schema';

export interface StagePreview {
  stage: number;
  title: string;
  whoActs: string;
  /** when the stage would start if every stage before it ran to its limit */
  startsAt: Date;
  /** null where the policy sets no timescales */
  deadline: StageDeadline | null;
  /** the policy's words for this stage's timescale */
  source: string | null;
}

/**
 * Every stage's deadline if each ran to its limit: each stage after the first starts at
 * the due instant of the one before (POLICIES.md), so islands' stages run out at D0+1,
 * D0+3, D0+5 and D0+10, the document's "maximum of ten working days".
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
  let startsAt = raisedAt;
  for (const stage of policy.stages.slice(startStage - 1)) {
    const deadline = stageDeadline(policy, calendar, {
      raisedAt,
      stage: stage.number,
      startedAt: startsAt,
    });
    previews.push({
      stage: stage.number,
      title: stage.title,
      whoActs: stage.whoActs,
      startsAt,
      deadline,
      source: stage.deadline?.source ?? null,
    });
    if (deadline) startsAt = deadline.dueAt;
  }
  return previews;
}
