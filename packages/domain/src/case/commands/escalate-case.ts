import type { CaseChange } from '../case-change';
import { currentStage } from '../case-state';
import type { Person } from '../../grammar/person.schema';
import { refuse } from '../refusal';
import { addParticipant } from '../stage/add-participant';
import { completeStage } from '../stage/complete-stage';
import { enterStage } from '../stage/enter-stage';
import { policyStageNotices } from '../stage/policy-stage-notices';

/**
 * ESCALATE: the current stage ends unresolved and the next one's clock starts now. Its
 * confirmation states the reason given; an outcome proposed and not agreed is superseded.
 */
export function escalateCase(
  change: CaseChange,
  reason: string,
  nextContacts: Person[] = [],
): void {
  const { policy } = change.context;
  const stage = currentStage(change.state);
  if (stage.number >= policy.stages.length) {
    refuse(
      'final-stage',
      `Stage ${stage.number} (${policy.stages[stage.number - 1]?.title}) is the last stage of this policy; ` +
        'there is nowhere to escalate to. Reply DECISION with the decision, or RESOLVED with the agreed outcome.',
    );
  }
  completeStage(change, stage, change.now, 'escalated');
  // An outcome proposed at this stage is answered by the escalation: it is no longer on offer.
  const superseded = change.state.proposal;
  change.state.proposal = null;
  change.event('escalated', stage.number, {
    to: stage.number + 1,
    reason,
    by: 'participant',
    ...(superseded ? { supersededProposal: superseded } : {}),
  });
  policyStageNotices(change, stage.number, 'leave');
  for (const person of nextContacts)
    addParticipant(change, person, 'next-contact', stage.number + 1);
  enterStage(change, stage.number + 1, change.now, 'escalation');
  change.confirm(stage.number + 1, {
    action: 'escalate',
    from: stage.number,
    reason,
    text: reason,
    superseded: superseded !== null,
  });
}
