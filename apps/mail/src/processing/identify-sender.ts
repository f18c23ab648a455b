import { partnershipAddresses, type MailSettings } from '@escalations/casework';
import { ParticipantRepository, type Executor } from '@escalations/db';
import type { Actor, CaseState, PolicyFile } from '@escalations/domain';

/**
 * Who is writing, as CONTRACT.md counts it: a participant of the case, one of the agencies'
 * directory contacts, partnership staff, or a stranger (who may raise a case but not act
 * on one). `verified` carries the sender checks into every event the mail causes.
 */
export async function identifySender(
  executor: Executor,
  settings: MailSettings,
  policy: PolicyFile,
  state: CaseState,
  from: { address: string; name: string | null },
  verified: boolean,
): Promise<Actor> {
  const address = from.address.toLowerCase();
  const base = { id: address, verified, ...(from.name ? { name: from.name } : {}) };
  if (state.participants.some((participant) => participant.email === address))
    return { kind: 'participant', ...base };
  const partnership = policy.partnershipRoles.flatMap((role) =>
    partnershipAddresses(settings, policy.id, role.key),
  );
  if (partnership.some((staff) => staff.toLowerCase() === address))
    return { kind: 'partnership', ...base };
  if (
    await new ParticipantRepository().isDirectoryContact(
      executor,
      policy.id,
      [state.agency, state.otherAgency],
      address,
    )
  ) {
    return { kind: 'directory-contact', ...base };
  }
  return { kind: 'stranger', ...base };
}
