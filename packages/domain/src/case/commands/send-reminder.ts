import { reminderAt } from '../../deadline/reminder-at';
import type { CaseChange } from '../case-change';
import { currentStage } from '../case-state';
import { refuse } from '../refusal';
import { awaitingAgreement } from '../stage/awaiting-agreement';

/** The scheduler's reminder, one working day before the current stage's due date. */
export function sendReminder(change: CaseChange, stageNumber: number): void {
  const { calendar, now } = change.context;
  const stage = currentStage(change.state);
  if (stage.number !== stageNumber)
    refuse('already-done', `stage ${stageNumber} is no longer the current stage`);
  if (!stage.dueDate || !stage.dueAt) refuse('no-deadline', 'this stage has no due date');
  if (stage.remindedAt)
    refuse('already-done', `the reminder for ${stage.dueDate} was sent at ${stage.remindedAt}`);
  const at = reminderAt(calendar, stage.dueDate, new Date(stage.startedAt));
  if (!at)
    refuse(
      'no-deadline',
      'this stage is too short for a reminder: its due date was given when it started',
    );
  if (now.getTime() < at.getTime()) refuse('not-due', `the reminder is due at ${at.toISOString()}`);
  if (now.getTime() > Date.parse(stage.dueAt)) {
    refuse(
      'past-due',
      `the stage's due date ${stage.dueDate} has passed: a breach notice replaces the reminder`,
    );
  }
  stage.remindedAt = change.now;
  change.event('reminder-due', stage.number, { dueDate: stage.dueDate, dueAt: stage.dueAt });
  change.notice(
    'reminder',
    stage.number,
    ['case.participants'],
    { dueDate: stage.dueDate, dueAt: stage.dueAt, ...awaitingAgreement(change.state) },
    `reminder:${stage.number}:${stage.dueDate}`,
  );
}
