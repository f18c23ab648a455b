import { PartnershipContactRepository, type Executor } from '@escalations/db';
import { partnershipAddresses, type MailSettings, type PartnershipContacts } from './mail-settings';

/**
 * The directory kept through the API over PARTNERSHIP_CONTACTS, role by role: a role the
 * directory names (even with no address) is the directory's; any other keeps its seed.
 */
export function mergeDirectory(
  seed: PartnershipContacts,
  directory: PartnershipContacts,
): PartnershipContacts {
  const merged: Record<string, Record<string, readonly string[]>> = {};
  for (const policyId of new Set([...Object.keys(seed), ...Object.keys(directory)]))
    merged[policyId] = { ...seed[policyId], ...directory[policyId] };
  return merged;
}

/** The mail settings with who holds each partnership role as of this transaction. */
export async function withPartnershipDirectory(
  executor: Executor,
  settings: MailSettings,
): Promise<MailSettings> {
  const directory = await new PartnershipContactRepository().all(executor);
  return {
    ...settings,
    partnershipContacts: mergeDirectory(settings.partnershipContacts, directory),
  };
}

/**
 * The addresses of a partnership role, read from the directory in the transaction that
 * sends to them, PARTNERSHIP_CONTACTS where the directory does not name the role.
 */
export async function partnershipAddressesIn(
  executor: Executor,
  settings: MailSettings,
  policyId: string,
  roleKey: string,
): Promise<string[]> {
  return partnershipAddresses(
    await withPartnershipDirectory(executor, settings),
    policyId,
    roleKey,
  );
}
