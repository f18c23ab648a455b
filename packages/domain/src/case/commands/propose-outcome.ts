import type { CaseChange } from '../case-change';
import { currentStage } from '../case-state';

/**
 * RESOLVED from anyone but the raising side: the challenged side cannot close the
 * challenge ("written confirmation between the parties about an agreed outcome"), so its
 * outcome is proposed to everyone and waits for the raising side's AGREE. The case stays
 * open and the stage's deadline keeps running; a later proposal replaces this one.
 */
export function proposeOutcome(change: CaseChange, text: string, outstanding: string[] = []): void {
  const stage = currentStage(change.state);
  const replaced = change.state.proposal;
  change.state.proposal = {
    text,
    outstanding,
    by: change.actor.id,
    at: change.now,
    stage: stage.number,
  };
  change.event('outcome-proposed', stage.number, {
    text,
    outstanding,
    ...(replaced ? { replaces: replaced } : {}),
  });
  change.confirm(stage.number, {
    action: 'propose',
    text,
    outstanding,
    raisingAgency: change.state.agency,
  });
}
