import type { CaseChange } from '../case-change';
import { refuse } from '../refusal';
import { scheduledStep, stepRecipients } from '../stage/open-step';

/**
 * After close of business on a step's due date with the step not done: the breach is
 * recorded, dated at the due instant whenever the scheduler notices it, and who acts on the
 * step, the partnership contact and the people on the case are told. The stage runs on to its
 * own deadline: a step's breach moves nothing.
 */
export function recordStepBreach(change: CaseChange, stageNumber: number, stepId: string): void {
  const { now } = change.context;
  const { stage, step, definition } = scheduledStep(change, stageNumber, stepId);
  const dueAt = step.dueAt!;
  if (now.getTime() <= Date.parse(dueAt)) refuse('not-due', `the step is due at ${dueAt}`);
  if (step.breachedAt) refuse('already-done', `the breach of ${step.dueDate} is already recorded`);
  step.breachedAt = dueAt;
  const data = { step: step.id, title: definition.title, dueDate: step.dueDate, dueAt };
  change.event('step-breached', stage.number, { ...data, recordedAt: change.now }, dueAt);
  change.notice(
    'step-breach',
    stage.number,
    ['case.participants', ...stepRecipients(change, definition)],
    { ...data, reply: definition.reply, source: definition.source },
    `step-breach:${stage.number}:${step.id}:${step.dueDate}`,
  );
}
