import type { CaseChange } from '../case-change';
import { currentStage } from '../case-state';
import { refuse } from '../refusal';
import { applyBreachRule } from '../stage/apply-breach-rule';

/**
 * After close of business on the due date: the breach is recorded, dated at the due
 * instant whenever the scheduler notices it, the people on the stage and the partnership
 * are told, and the policy's breach rule applies.
 */
export function recordBreach(change: CaseChange, stageNumber: number): void {
  const { now } = change.context;
  const stage = currentStage(change.state);
  if (stage.number !== stageNumber)
    refuse('already-done', `stage ${stageNumber} is no longer the current stage`);
  if (!stage.dueDate || !stage.dueAt) refuse('no-deadline', 'this stage has no due date');
  if (now.getTime() <= Date.parse(stage.dueAt))
    refuse('not-due', `the stage is due at ${stage.dueAt}`);
  if (stage.breaches.some((breach) => breach.dueDate === stage.dueDate)) {
    refuse('already-done', `the breach of ${stage.dueDate} is already recorded`);
  }
  applyBreachRule(change, stage, stage.dueAt, false);
}
