import type { CaseChange } from '../case-change';
import { sideOf } from '../case-sides';
import { currentStage } from '../case-state';

/**
 * LEARNING: what a closed (or open) case taught, recorded with the case's category and the
 * sender's agency so the partnership can report learning by both, and forwarded to the
 * partnership contact: kirklees asks that "records of any learning should be shared with the
 * KSCP Business unit"; islands' Business Support manager identifies general issues "to
 * inform future learning".
 */
export function recordLearning(change: CaseChange, text: string, forAgency?: string): void {
  const { policy } = change.context;
  const { state, actor } = change;
  const stage = currentStage(state).number;
  const side = sideOf(state, actor.id);
  const agency =
    forAgency ??
    actor.agency ??
    (side === 'raising' ? state.agency : side === 'other' ? state.otherAgency : null);
  change.event('learning-recorded', stage, { learning: text, category: state.category, agency });
  change.notice('learning-forwarded', stage, [`partnership.${policy.partnershipContact}`], {
    learning: text,
    agency,
    from: actor.id,
  });
  change.notice('confirmation', stage, [`address:${actor.id}`], { action: 'learning', text });
}
