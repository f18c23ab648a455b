import type { EmailTemplates } from '@escalations/email';

/** Who holds each partnership role of each policy: deployment configuration, never the repo. */
export type PartnershipContacts = Readonly<
  Record<string, Readonly<Record<string, readonly string[]>>>
>;

/** What casework needs to turn notices into mail. */
export interface MailSettings {
  /** MAIL_DOMAIN: the policies' mailboxes and reply addresses live here */
  domain: string;
  /** signs reply addresses; shared by every instance */
  replySecret: string;
  templates: EmailTemplates;
  partnershipContacts: PartnershipContacts;
}

/**
 * The addresses of a partnership role. A role the deployment has not mapped still gets its
 * mail, at a mailbox named after it on the service's own domain (`nel-business-manager@...`),
 * so nothing is silently dropped and a missing mapping shows in the outbox.
 */
export function partnershipAddresses(
  settings: MailSettings,
  policyId: string,
  roleKey: string,
): string[] {
  const mapped = settings.partnershipContacts[policyId]?.[roleKey];
  if (mapped && mapped.length > 0) return [...mapped];
  const kebab = roleKey.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return [`${policyId}-${kebab}@${settings.domain}`];
}
