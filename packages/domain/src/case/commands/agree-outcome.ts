import type { CaseChange } from '../case-change';
import { requireRaisingSide } from '../may-close';
import { refuse } from '../refusal';
import { closeCase } from './close-case';

/**
 * AGREE: the raising side accepts the outcome the other side proposed, and the case closes
 * as resolved with that outcome as the agreed one. Words written after AGREE are recorded
 * beside it.
 */
export function agreeOutcome(change: CaseChange, said?: string): void {
  requireRaisingSide(change, 'AGREE');
  const proposal = change.state.proposal;
  if (!proposal) {
    refuse(
      'no-proposal',
      'There is no proposed outcome on this case to agree to. To close it with an agreed outcome, reply RESOLVED with the outcome.',
    );
  }
  const note = said?.trim() ? said.trim() : null;
  closeCase(change, 'resolve', proposal.text, proposal.outstanding, { proposal, note });
}
