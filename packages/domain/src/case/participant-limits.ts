import type { Actor } from './case-command';
import type { Participant } from './case-state';
import { refuse } from './refusal';
import { addressKey } from '../grammar/address-key';

/**
 * How many people one message may put on a case, and how many a case may hold. Every
 * participant is written to on every change, so without a cap one email copying thousands
 * of addresses would make the service mail all of them, again and again.
 */
export interface ParticipantLimits {
  perMessage: number;
  perCase: number;
}

export const DEFAULT_PARTICIPANT_LIMITS: ParticipantLimits = { perMessage: 20, perCase: 50 };

/**
 * Refuses a change that adds more people than the limits allow. The whole command is
 * refused, not trimmed: a case opened with the first twenty of an arbitrary list would hold
 * the wrong people. Only the people a message names count: not the raiser, nor whoever acts
 * and so joins on their own account (a directory contact or partnership staff).
 */
export function checkParticipantLimits(
  before: readonly Participant[],
  after: readonly Participant[],
  actor: Actor,
  limits: ParticipantLimits,
): void {
  const known = new Set(before.map((participant) => participant.email));
  const self = addressKey(actor.id);
  const joined = after.filter((participant) => !known.has(participant.email));
  // On a raise the raiser opens the case and the others are named; later, whoever acts
  // may join, and the others are named.
  const raising = before.length === 0;
  const added = raising
    ? Math.max(joined.length - 1, 0)
    : joined.filter((participant) => participant.email !== self).length;
  const total = before.length + added + (raising && joined.length > 0 ? 1 : 0);
  if (added > limits.perMessage) {
    refuse(
      'too-many-participants',
      `This would add ${added} people to the case; one message may add at most ${limits.perMessage}. ` +
        `Nothing was done and none of them was written to. Send it again naming or copying at most ${limits.perMessage} people.`,
    );
  }
  if (added > 0 && total > limits.perCase) {
    refuse(
      'too-many-participants',
      `This would put ${total} people on the case; one case may have at most ${limits.perCase}. ` +
        'Nothing was done and none of them was written to. Ask partnership staff who should be on the case.',
    );
  }
}
