import type { CaseChange } from '../case-change';
import { currentStage } from '../case-state';
import { refuse } from '../refusal';
import { completeStage } from '../stage/complete-stage';
import { enterStage } from '../stage/enter-stage';
import { policyStageNotices } from '../stage/policy-stage-notices';

/**
 * After close of business on the due date: the breach is recorded, dated at the due
 * instant whenever the scheduler notices it, the people on the stage and the partnership
 * are told, and the policy's breach rule applies.
 */
export function recordBreach(change: CaseChange, stageNumber: number): void {
  const { policy, now } = change.context;
  const stage = currentStage(change.state);
  if (stage.number !== stageNumber)
    refuse('already-done', `stage ${stageNumber} is no longer the current stage`);
  if (!stage.dueDate || !stage.dueAt) refuse('no-deadline', 'this stage has no due date');
  if (now.getTime() <= Date.parse(stage.dueAt))
    refuse('not-due', `the stage is due at ${stage.dueAt}`);
  if (stage.breaches.some((breach) => breach.dueDate === stage.dueDate)) {
    refuse('already-done', `the breach of ${stage.dueDate} is already recorded`);
  }
  const dueDate = stage.dueDate;
  const at = stage.dueAt;
  stage.breaches.push({ at, dueDate, recordedAt: change.now });
  change.event(
    'stage-breached',
    stage.number,
    { dueDate, dueAt: at, rule: policy.breach.rule, recordedAt: change.now },
    at,
  );
  const partnership = [
    ...new Set([`partnership.${policy.partnershipContact}` as const, ...policy.breach.notify]),
  ];
  change.notice(
    'breach',
    stage.number,
    ['case.participants', ...partnership],
    { dueDate, rule: policy.breach.rule },
    `breach:${stage.number}:${dueDate}`,
  );

  policyStageNotices(change, stage.number, 'breach');

  const isFinal = stage.number >= policy.stages.length;
  const rule = policy.breach.rule;
  const askRationale =
    policy.breach.rationaleRequired || rule === 'ask-rationale' || (rule === 'escalate' && isFinal);
  if (askRationale) {
    change.notice(
      'rationale-request',
      stage.number,
      ['case.participants'],
      { dueDate },
      `rationale-request:${stage.number}:${dueDate}`,
    );
  }
  switch (rule) {
    case 'escalate':
      if (!isFinal) {
        completeStage(change, stage, at, 'escalated');
        change.event(
          'escalated',
          stage.number,
          { to: stage.number + 1, reason: 'timescale ran out', by: 'breach rule' },
          at,
        );
        policyStageNotices(change, stage.number, 'leave');
        enterStage(change, stage.number + 1, at, 'breach');
      }
      break;
    case 'ask-agreed-timescale':
      change.notice(
        'timescale-request',
        stage.number,
        ['case.participants'],
        { dueDate },
        `timescale-request:${stage.number}:${dueDate}`,
      );
      break;
    case 'ask-rationale':
    case 'notify':
    case 'none':
      break;
  }
}
