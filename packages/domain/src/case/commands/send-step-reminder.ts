import type { CaseChange } from '../case-change';
import { refuse } from '../refusal';
import { scheduledStep, stepRecipients } from '../stage/open-step';

/** The scheduler's reminder of a timed step, one working day before its due date. */
export function sendStepReminder(change: CaseChange, stageNumber: number, stepId: string): void {
  const { now } = change.context;
  const { stage, step, definition } = scheduledStep(change, stageNumber, stepId);
  if (step.remindedAt)
    refuse('already-done', `the reminder for ${step.dueDate} was sent at ${step.remindedAt}`);
  if (!step.remindAt)
    refuse(
      'no-deadline',
      'this step is too short for a reminder: its due date was given when it began',
    );
  if (now.getTime() < Date.parse(step.remindAt))
    refuse('not-due', `the reminder is due at ${step.remindAt}`);
  if (now.getTime() > Date.parse(step.dueAt!))
    refuse(
      'past-due',
      `the step's due date ${step.dueDate} has passed: a breach notice replaces the reminder`,
    );
  step.remindedAt = change.now;
  const data = { step: step.id, title: definition.title, dueDate: step.dueDate, dueAt: step.dueAt };
  change.event('step-reminder-due', stage.number, data);
  change.notice(
    'step-reminder',
    stage.number,
    stepRecipients(change, definition),
    { ...data, reply: definition.reply, source: definition.source },
    `step-reminder:${stage.number}:${step.id}:${step.dueDate}`,
  );
}
