import type { CaseChange } from '../case-change';
import { currentStage, type CaseStatus, type StageOutcome } from '../case-state';
import { refuse } from '../refusal';
import { completeStage } from '../stage/complete-stage';
import { policyStageNotices } from '../stage/policy-stage-notices';

const CLOSINGS = {
  resolve: { status: 'resolved', outcome: 'resolved', event: 'resolved' },
  withdraw: { status: 'withdrawn', outcome: 'withdrawn', event: 'withdrawn' },
  decision: { status: 'decided', outcome: 'decided', event: 'decided' },
} as const satisfies Record<string, { status: CaseStatus; outcome: StageOutcome; event: string }>;

/**
 * RESOLVED, WITHDRAW and DECISION: the case closes at its current stage with the words
 * that close it, shared with everyone involved. Only the final stage takes a DECISION.
 */
export function closeCase(
  change: CaseChange,
  how: keyof typeof CLOSINGS,
  text: string,
  outstanding: string[] = [],
): void {
  const { policy } = change.context;
  const stage = currentStage(change.state);
  if (how === 'decision' && stage.number < policy.stages.length) {
    refuse(
      'not-final-stage',
      `DECISION is for the final stage (${policy.stages.length}: ${policy.stages.at(-1)?.title}); ` +
        `this case is at stage ${stage.number}. Reply RESOLVED with the agreed outcome, or ESCALATE with the reason.`,
    );
  }
  const closing = CLOSINGS[how];
  completeStage(change, stage, change.now, closing.outcome);
  Object.assign(change.state, {
    status: closing.status,
    closedAt: change.now,
    closingText: text,
    outstanding,
  });
  change.event(closing.event, stage.number, { text, outstanding });
  if (how === 'resolve') policyStageNotices(change, stage.number, 'resolve');
  policyStageNotices(change, stage.number, 'leave');
  change.confirm(stage.number, { action: how, text, outstanding });
}
