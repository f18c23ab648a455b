import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettingsRepository, type Database } from '@escalations/db';
import { parseYamlFile, type PolicyLibrary } from '@escalations/domain';
import { loadEmailTemplates } from '@escalations/email';
import { z } from 'zod';
import type { MailSettings, PartnershipContacts } from './mail-settings';

const ContactsFileSchema = z.record(
  z.string(),
  z.record(
    z
      .string()
      .regex(/^[a-z][a-zA-Z0-9]*$/, 'expected a partnership role key such as businessManager'),
    z.array(z.email()).min(1),
  ),
);

export interface MailSettingsSource {
  database: Database;
  library: PolicyLibrary;
  policiesDir: string;
  domain: string;
  /** a YAML file mapping policy → partnership role → addresses */
  contactsFile?: string | undefined;
}

/**
 * Build the mail settings every instance shares: the templates (with the policies'
 * overrides), the reply-address secret (made on first start and kept in the database, so
 * every process signs alike), and who holds each partnership role. A contacts file naming
 * an unknown policy or role stops start-up, naming the file and the path.
 */
export async function loadMailSettings(source: MailSettingsSource): Promise<MailSettings> {
  const policyIds = [...source.library.policies.keys()];
  const replySecret = await new SettingsRepository().getOrCreate(
    source.database,
    'reply-address-secret',
    () => randomBytes(32).toString('base64url'),
  );
  return {
    domain: source.domain,
    replySecret,
    templates: loadEmailTemplates(join(source.policiesDir, 'templates'), policyIds),
    partnershipContacts: source.contactsFile
      ? readContacts(source.contactsFile, source.library)
      : {},
  };
}

function readContacts(file: string, library: PolicyLibrary): PartnershipContacts {
  const contacts = parseYamlFile(
    ContactsFileSchema.superRefine((value, ctx) => {
      for (const [policyId, roles] of Object.entries(value)) {
        const policy = library.policies.get(policyId);
        if (!policy) {
          ctx.addIssue({ code: 'custom', path: [policyId], message: `no policy "${policyId}"` });
          continue;
        }
        for (const role of Object.keys(roles)) {
          if (!policy.partnershipRoles.some((r) => r.key === role)) {
            ctx.addIssue({
              code: 'custom',
              path: [policyId, role],
              message: `${policyId} has no partnership role "${role}" (${policy.partnershipRoles.map((r) => r.key).join(', ')})`,
            });
          }
        }
      }
    }),
    readFileSync(file, 'utf8'),
    file,
  );
  return contacts;
}
