import type { CaseState, StageRecord } from '@escalations/domain';

/**
 * The reports' on-time measure for one stage, written on its row (and summed on its case's)
 * whenever the case is saved, so the reports count stored answers instead of working them out
 * from every stage's JSON on each request.
 *
 * Measured: a stage that had a deadline and has either ended or been breached (an open stage
 * still inside its time, or past it with no breach recorded yet, is not judged): null when not.
 * On time: a measured stage that ended at or before its due instant (an agreed extension's
 * instant counts, since it replaces the policy's) with no breach recorded. The due-instant
 * check catches a stage closed late before the scheduler noticed: it is late all the same.
 */
export function stageOnTime(stage: StageRecord): boolean | null {
  const breached = stage.breaches.length > 0;
  if (stage.dueAt === null || (stage.completedAt === null && !breached)) return null;
  return (
    stage.completedAt !== null &&
    Date.parse(stage.completedAt) <= Date.parse(stage.dueAt) &&
    !breached
  );
}

/** A case's figures for the reports: its missed deadlines, stages measured and on time. */
export function caseTimeliness(state: CaseState) {
  const judged = state.stages.map(stageOnTime);
  return {
    breachCount: state.stages.reduce((sum, stage) => sum + stage.breaches.length, 0),
    measuredStages: judged.filter((onTime) => onTime !== null).length,
    onTimeStages: judged.filter((onTime) => onTime === true).length,
  };
}
