import type { CaseChange } from '../case-change';
import type { Participant, ParticipantRole } from '../case-state';
import type { Person } from '../../grammar/person.schema';

/** Add a person to the case unless their address is already on it; true when added. */
export function addParticipant(
  change: CaseChange,
  person: Person,
  role: ParticipantRole,
  stage: number,
  agency?: string,
): boolean {
  const email = person.email.trim().toLowerCase();
  if (change.state.participants.some((p) => p.email === email)) return false;
  const participant: Participant = { email, role, joinedAtStage: stage };
  if (person.name) participant.name = person.name;
  if (agency) participant.agency = agency;
  change.state.participants.push(participant);
  change.event('participant-added', stage, {
    email,
    role,
    name: person.name ?? null,
    agency: agency ?? null,
  });
  return true;
}
