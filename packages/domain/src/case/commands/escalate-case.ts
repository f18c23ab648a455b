import type { CaseChange } from '../case-change';
import { currentStage } from '../case-state';
import type { Person } from '../../grammar/person.schema';
import { refuse } from '../refusal';
import { addParticipant } from '../stage/add-participant';
import { completeStage } from '../stage/complete-stage';
import { enterStage } from '../stage/enter-stage';
import { policyStageNotices } from '../stage/policy-stage-notices';

/** ESCALATE: the current stage ends unresolved and the next one's clock starts now. */
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
  change.event('escalated', stage.number, { to: stage.number + 1, reason, by: 'participant' });
  policyStageNotices(change, stage.number, 'leave');
  for (const person of nextContacts)
    addParticipant(change, person, 'next-contact', stage.number + 1);
  enterStage(change, stage.number + 1, change.now, 'escalation');
  change.confirm(stage.number + 1, { action: 'escalate', from: stage.number, reason });
}
