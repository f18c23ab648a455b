import type { StageStep } from '../../policy/policy.schema';
import type { CaseChange } from '../case-change';
import { currentStage, type StageRecord, type StepRecord } from '../case-state';
import { refuse } from '../refusal';

export interface OpenStep {
  stage: StageRecord;
  step: StepRecord;
  definition: StageStep;
}

/** The scheduler's step of the current stage, refused when it is no longer pending. */
export function scheduledStep(change: CaseChange, stageNumber: number, stepId: string): OpenStep {
  const stage = currentStage(change.state);
  if (stage.number !== stageNumber)
    refuse('already-done', `stage ${stageNumber} is no longer the current stage`);
  const step = stage.steps?.find((s) => s.id === stepId);
  const definition = change.context.policy.stages[stage.number - 1]?.steps.find(
    (s) => s.id === stepId,
  );
  if (!step || !definition) refuse('no-deadline', `stage ${stage.number} has no step ${stepId}`);
  if (step.completedAt)
    refuse('already-done', `${definition.title} was done at ${step.completedAt}`);
  if (!step.dueDate || !step.dueAt) refuse('no-deadline', `${definition.title} has no due date`);
  return { stage, step, definition };
}

/** Who a step's notices go to: who acts on it and the partnership contact, once each. */
export function stepRecipients(change: CaseChange, definition: StageStep) {
  return [
    ...new Set([
      definition.who,
      `partnership.${change.context.policy.partnershipContact}` as const,
    ]),
  ];
}
