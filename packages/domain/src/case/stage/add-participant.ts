import type { CaseChange } from '../case-change';
import type { Participant, ParticipantRole } from '../case-state';
import { sideOfNewParticipant } from '../case-sides';
import type { Newcomer } from '../../grammar/reply-command.schema';
import { addressKey } from '../../grammar/address-key';

/**
 * Add a person to the case unless their address is already on it; true when added. Their
 * side follows from their role, or from whoever is bringing them in (`sideOfNewParticipant`).
 */
export function addParticipant(
  change: CaseChange,
  person: Newcomer,
  role: ParticipantRole,
  stage: number,
  agency?: string,
): boolean {
  const email = addressKey(person.email);
  if (change.state.participants.some((p) => p.email === email)) return false;
  const participant: Participant = { email, role, joinedAtStage: stage };
  if (person.name) participant.name = person.name;
  if (person.roleTitle) participant.roleTitle = person.roleTitle;
  if (agency) participant.agency = agency;
  const side = sideOfNewParticipant(change.state, role, agency, change.actor);
  if (side) participant.side = side;
  change.state.participants.push(participant);
  change.event('participant-added', stage, {
    email,
    role,
    name: person.name ?? null,
    agency: agency ?? null,
    roleTitle: person.roleTitle ?? null,
    // who brought them in: their side, and who to ask why they are on the case
    addedBy: change.actor.id,
    side: side ?? null,
  });
  return true;
}
