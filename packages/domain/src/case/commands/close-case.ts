import type { CaseChange } from '../case-change';
import {
  currentStage,
  type CaseStatus,
  type ProposedOutcome,
  type StageOutcome,
} from '../case-state';
import { closingOutcome, type ClosingOutcome } from '../closing-outcome';
import { refuse } from '../refusal';
import { completeStage } from '../stage/complete-stage';
import { policyStageNotices } from '../stage/policy-stage-notices';
import { addressKey } from '../../grammar/address-key';

const CLOSINGS = {
  resolve: { status: 'resolved', outcome: 'resolved', event: 'resolved' },
  withdraw: { status: 'withdrawn', outcome: 'withdrawn', event: 'withdrawn' },
  decision: { status: 'decided', outcome: 'decided', event: 'decided' },
} as const satisfies Record<string, { status: CaseStatus; outcome: StageOutcome; event: string }>;

/** AGREE: the proposal agreed to, and any words written after AGREE. */
export interface Agreement {
  proposal: ProposedOutcome;
  note: string | null;
}

/**
 * RESOLVED, WITHDRAW, DECISION and AGREE: the case closes at its current stage with the
 * words that close it, shared with everyone involved. Only the final stage takes a
 * DECISION. Who may close is decided before this (`may-close.ts`); a proposal still
 * standing is superseded by the closing and stays on the record as such.
 */
export function closeCase(
  change: CaseChange,
  how: keyof typeof CLOSINGS,
  text: string,
  outstanding: string[] = [],
  agreement?: Agreement,
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
  const superseded = change.state.proposal;
  completeStage(change, stage, change.now, closing.outcome);
  Object.assign(change.state, {
    status: closing.status,
    closedAt: change.now,
    closingText: text,
    outstanding,
    proposal: null,
  });
  change.event(closing.event, stage.number, {
    text,
    outstanding,
    ...(agreement ? { agreed: agreement } : superseded ? { supersededProposal: superseded } : {}),
  });
  // A withdrawal ends the case without an outcome to put on record.
  const outcome =
    how === 'withdraw'
      ? null
      : closingOutcome(change, stage.number, text, outstanding, how === 'decision');
  const withOutcome = outcome ? { outcome } : {};
  if (how === 'resolve') policyStageNotices(change, stage.number, 'resolve', withOutcome);
  policyStageNotices(change, stage.number, 'leave', withOutcome);
  if (outcome) outcomeNotices(change, stage.number, how === 'resolve', outcome);
  change.confirm(stage.number, {
    action: agreement ? 'agree' : how,
    text,
    outstanding,
    ...withOutcome,
    // tells them the learning request follows, in a message of its own
    ...(outcome ? { learningRequested: true } : {}),
    ...(agreement ? { proposedBy: agreement.proposal.by, agreeNote: agreement.note } : {}),
  });
  if (outcome) learningRequests(change, stage.number);
}

/**
 * After a resolution or a decision every participant is asked, in a message of their own and
 * once (keyed by address), what the case taught, with the debrief the policy offers in its
 * `afterResolution` words: kirklees' "Step 7, restorative debrief", south-glos' "facilitated
 * reflective debrief". A message of its own so it is not lost under the outcome, and answered
 * with LEARNING.
 */
function learningRequests(change: CaseChange, stage: number): void {
  const afterResolution = change.context.policy.afterResolution ?? null;
  for (const participant of change.state.participants) {
    const address = addressKey(participant.email);
    change.notice(
      'learning-request',
      stage,
      [`address:${address}`],
      { afterResolution },
      `learning-request:${address}`,
    );
  }
}

/**
 * The policy's `outcomeNotices`: the partnership told how the case ended, unless a notice of
 * this stage just told the same role (south-glos' Monitoring Form on resolution).
 */
function outcomeNotices(
  change: CaseChange,
  stage: number,
  resolved: boolean,
  outcome: ClosingOutcome,
): void {
  const { policy } = change.context;
  const moments = resolved ? ['resolve', 'leave'] : ['leave'];
  const toldAtStage = new Set(
    (policy.stages[stage - 1]?.notices ?? [])
      .filter((notice) => moments.includes(notice.on))
      .map((notice) => notice.to),
  );
  for (const [i, notice] of policy.outcomeNotices.entries()) {
    if (stage < notice.fromStage || toldAtStage.has(notice.to)) continue;
    change.notice(
      'stage-notice',
      stage,
      [notice.to],
      { moment: 'outcome', says: notice.says, attach: null, source: notice.source, outcome },
      `outcome-notice:${stage}:${i}`,
    );
  }
}
