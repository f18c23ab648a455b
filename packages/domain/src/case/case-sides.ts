import type { Actor } from './case-command';
import type { CaseSide, CaseState, ParticipantRole } from './case-state';
import { addressKey } from '../grammar/address-key';

/** The side of the person with this address on the case, or null (not on it, or of neither side). */
export function sideOf(state: CaseState, address: string): CaseSide | null {
  const email = addressKey(address);
  return state.participants.find((p) => p.email === email)?.side ?? null;
}

/**
 * The side an actor speaks for: a participant's own side; a directory contact's by the
 * agency they are a contact for (the raising agency's contacts are of the raising side).
 * Partnership staff, administrators and the scheduler are of neither side.
 */
export function sideOfActor(state: CaseState, actor: Actor): CaseSide | null {
  if (actor.kind === 'participant') return sideOf(state, actor.id);
  if (actor.kind === 'directory-contact') return sideOfAgency(state, actor.agency);
  return null;
}

/** Partnership staff and administrators through the API may close a case either way. */
export function actsForPartnership(actor: Actor): boolean {
  return actor.kind === 'partnership' || actor.kind === 'admin';
}

/**
 * The side of someone joining the case: fixed by the roles of the raise; a contact's by
 * their agency; anyone else brought in (`Next contact:`, `ADD`) takes the side of whoever
 * brought them in, and someone copied on the raise is of neither side.
 */
export function sideOfNewParticipant(
  state: CaseState,
  role: ParticipantRole,
  agency: string | undefined,
  addedBy: Actor,
): CaseSide | null {
  switch (role) {
    case 'raiser':
    case 'manager':
      return 'raising';
    case 'other-practitioner':
      return 'other';
    case 'contact':
      return sideOfAgency(state, agency);
    case 'copied':
      return null;
    default:
      return sideOfActor(state, addedBy);
  }
}

function sideOfAgency(state: CaseState, agency: string | undefined): CaseSide | null {
  if (agency === undefined) return null;
  if (agency === state.agency) return 'raising';
  if (agency === state.otherAgency) return 'other';
  return null;
}
