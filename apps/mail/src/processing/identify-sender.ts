import {
  partnershipAddresses,
  withPartnershipDirectory,
  type MailSettings,
} from '@escalations/casework';
import { ParticipantRepository, type Executor } from '@escalations/db';
import { addressKey, type Actor, type CaseState, type PolicyFile } from '@escalations/domain';

/**
 * Who is writing, as CONTRACT.md counts it: partnership staff, a participant of the case,
 * one of the agencies' directory contacts, or a stranger (who may raise a case but not act
 * on one). Partnership staff are known as such even once on the case, since they may close
 * a case either way; a directory contact speaks for their agency, the raising one first
 * when listed for both. `verified` carries the sender checks into every event the mail causes.
 */
export async function identifySender(
  executor: Executor,
  settings: MailSettings,
  policy: PolicyFile,
  state: CaseState,
  from: { address: string; name: string | null },
  verified: boolean,
): Promise<Actor> {
  const address = addressKey(from.address);
  const base = { id: address, verified, ...(from.name ? { name: from.name } : {}) };
  // who holds the partnership roles now: the directory, PARTNERSHIP_CONTACTS as its seed
  const directory = await withPartnershipDirectory(executor, settings);
  const partnership = policy.partnershipRoles.flatMap((role) =>
    partnershipAddresses(directory, policy.id, role.key),
  );
  if (partnership.some((staff) => addressKey(staff) === address))
    return { kind: 'partnership', ...base };
  if (state.participants.some((participant) => participant.email === address))
    return { kind: 'participant', ...base };
  const agencies = await new ParticipantRepository().agenciesOfDirectoryContact(
    executor,
    policy.id,
    [state.agency, state.otherAgency],
    address,
  );
  if (agencies.length > 0) {
    const agency = agencies.includes(state.agency) ? state.agency : agencies[0]!;
    return { kind: 'directory-contact', ...base, agency };
  }
  return { kind: 'stranger', ...base };
}
