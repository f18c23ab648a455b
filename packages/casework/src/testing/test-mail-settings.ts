import { join } from 'node:path';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { loadEmailTemplates } from '@escalations/email';
import type { MailSettings, PartnershipContacts } from '../mail/mail-settings';

export const TEST_MAIL_DOMAIN = 'escalations.localhost';
export const TEST_REPLY_SECRET = 'a test secret that signs reply addresses';

/** The repository's own templates, a fixed secret and the dev mail domain. */
export function testMailSettings(partnershipContacts: PartnershipContacts = {}): MailSettings {
  const policies = defaultPoliciesDir(__dirname);
  return {
    domain: TEST_MAIL_DOMAIN,
    replySecret: TEST_REPLY_SECRET,
    // every policy present, each with any templates of its own
    templates: loadEmailTemplates(join(policies, 'templates'), [
      ...readPolicyLibrary(policies).policies.keys(),
    ]),
    partnershipContacts,
  };
}
