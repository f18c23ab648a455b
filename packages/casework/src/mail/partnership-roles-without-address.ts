import type { Executor } from '@escalations/db';
import type { PolicyLibrary } from '@escalations/domain';
import { partnershipAddresses, type MailSettings } from './mail-settings';
import { withPartnershipDirectory } from './partnership-directory';

/** A partnership role with no address, and where its mail goes instead. */
export interface RoleWithoutAddress {
  policyId: string;
  /** the role's key, as the directory and PARTNERSHIP_CONTACTS name it (`businessManager`) */
  role: string;
  /** the role as the policy document names it */
  title: string;
  /** a mailbox named after the role on MAIL_DOMAIN, which the service's own intake refuses */
  mailGoesTo: string;
}

/**
 * Every role of every policy that the deployment has not mapped to an address. Their
 * breach notices, rationales and digests still go out (`partnershipAddresses`), but to a
 * mailbox nobody reads: start-up, /health and the weekly digest say so.
 */
export function partnershipRolesWithoutAddress(
  settings: MailSettings,
  library: PolicyLibrary,
): RoleWithoutAddress[] {
  const roles: RoleWithoutAddress[] = [];
  for (const policy of [...library.policies.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    for (const role of policy.partnershipRoles) {
      if ((settings.partnershipContacts[policy.id]?.[role.key]?.length ?? 0) > 0) continue;
      const [mailGoesTo = ''] = partnershipAddresses(settings, policy.id, role.key);
      roles.push({ policyId: policy.id, role: role.key, title: role.title, mailGoesTo });
    }
  }
  return roles;
}

/**
 * The roles without an address as of now: the partnership directory kept through the API
 * (`PUT /api/v1/policies/:id/contacts`) over PARTNERSHIP_CONTACTS, so a contact set there
 * clears the warning without a restart.
 */
export async function partnershipRolesWithoutAddressIn(
  executor: Executor,
  settings: MailSettings,
  library: PolicyLibrary,
): Promise<RoleWithoutAddress[]> {
  return partnershipRolesWithoutAddress(
    await withPartnershipDirectory(executor, settings),
    library,
  );
}

/** What start-up prints: per policy, the roles without an address and where their mail goes. */
export function describeRolesWithoutAddress(roles: readonly RoleWithoutAddress[]): string[] {
  if (roles.length === 0) return [];
  const width = Math.max(...roles.map((role) => role.policyId.length));
  return [
    'Partnership roles without an address (set them with PUT /api/v1/policies/<id>/contacts',
    'or PARTNERSHIP_CONTACTS): their mail goes to mailboxes on MAIL_DOMAIN that this',
    "service's own intake refuses, so nobody receives it.",
    // one role a line, the policy named on its first
    ...roles.map(
      (role, i) =>
        `  ${(roles[i - 1]?.policyId === role.policyId ? '' : role.policyId).padEnd(width)}  ` +
        `${role.role} → ${role.mailGoesTo}`,
    ),
  ];
}
