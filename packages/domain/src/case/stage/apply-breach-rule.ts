import type { CaseChange } from '../case-change';
import type { StageRecord } from '../case-state';
import { awaitingAgreement } from './awaiting-agreement';
import { completeStage } from './complete-stage';
import { enterStage } from './enter-stage';
import { policyStageNotices } from './policy-stage-notices';

/** What the person whose command entered an overdue stage is told in its confirmation. */
export interface OverdueOnEntry {
  stage: number;
  title: string;
  dueDate: string;
  rule: string;
  askRationale: boolean;
  askTimescale: boolean;
  /** the stage the breach rule moved the case on to, if it did */
  escalatedTo: number | null;
}

/**
 * A stage's breach: recorded, dated `at`, the people on it and the partnership told, and
 * the policy's breach rule applied. `at` is the due instant when the timescale runs out
 * while the stage is open, or the moment of entry when a cumulative stage is entered after
 * its due instant (POLICIES.md: "overdue on entry"). In that second case, when a person's
 * command entered the stage, the participants learn it in that command's confirmation
 * rather than in separate mail; the partnership still gets its breach notice.
 */
export function applyBreachRule(
  change: CaseChange,
  stage: StageRecord,
  at: string,
  onEntry: boolean,
): void {
  const { policy } = change.context;
  const dueDate = stage.dueDate!;
  const dueAt = stage.dueAt!;
  const toldInConfirmation = onEntry && change.actor.kind !== 'scheduler';
  stage.breaches.push({ at, dueDate, recordedAt: change.now });
  change.event(
    'stage-breached',
    stage.number,
    {
      dueDate,
      dueAt,
      rule: policy.breach.rule,
      recordedAt: change.now,
      ...(onEntry ? { onEntry: true } : {}),
    },
    at,
  );
  const partnership = [
    ...new Set([`partnership.${policy.partnershipContact}` as const, ...policy.breach.notify]),
  ];
  change.notice(
    'breach',
    stage.number,
    toldInConfirmation ? partnership : ['case.participants', ...partnership],
    { dueDate, rule: policy.breach.rule, onEntry, ...awaitingAgreement(change.state) },
    `breach:${stage.number}:${dueDate}`,
  );

  policyStageNotices(change, stage.number, 'breach');

  const isFinal = stage.number >= policy.stages.length;
  const rule = policy.breach.rule;
  const askRationale =
    policy.breach.rationaleRequired || rule === 'ask-rationale' || (rule === 'escalate' && isFinal);
  const askTimescale = rule === 'ask-agreed-timescale';
  if (askRationale && !toldInConfirmation) {
    change.notice(
      'rationale-request',
      stage.number,
      ['case.participants'],
      { dueDate },
      `rationale-request:${stage.number}:${dueDate}`,
    );
  }
  if (askTimescale && !toldInConfirmation) {
    change.notice(
      'timescale-request',
      stage.number,
      ['case.participants'],
      { dueDate },
      `timescale-request:${stage.number}:${dueDate}`,
    );
  }
  const escalates = rule === 'escalate' && !isFinal;
  if (toldInConfirmation) {
    change.overdueOnEntry.push({
      stage: stage.number,
      title: policy.stages[stage.number - 1]?.title ?? `Stage ${stage.number}`,
      dueDate,
      rule,
      askRationale,
      askTimescale,
      escalatedTo: escalates ? stage.number + 1 : null,
    });
  }
  if (escalates) {
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
}
