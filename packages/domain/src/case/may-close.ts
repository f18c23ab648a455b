import type { CaseChange } from './case-change';
import { actsForPartnership, sideOfActor } from './case-sides';
import { refuse } from './refusal';

/**
 * Whether the actor may close the case: the raising side, whose challenge it is, and
 * partnership staff or administrators, who may close it either way (recorded as theirs).
 */
export function mayClose(change: CaseChange): boolean {
  return actsForPartnership(change.actor) || sideOfActor(change.state, change.actor) === 'raising';
}

/** Refuse a command that is the raising side's alone, saying what the sender can do instead. */
export function requireRaisingSide(change: CaseChange, word: 'WITHDRAW' | 'AGREE'): void {
  if (mayClose(change)) return;
  const raising = change.state.agency;
  refuse(
    'not-raising-side',
    word === 'WITHDRAW'
      ? `WITHDRAW is for the side that raised the disagreement (${raising}): only they can withdraw their challenge. ` +
          'Reply NOTE with your view, or RESOLVED with the outcome you propose for them to AGREE to.'
      : `AGREE is for the side that raised the disagreement (${raising}), to accept an outcome proposed to them. ` +
          'Reply NOTE with your view, or RESOLVED with the outcome you propose.',
  );
}
