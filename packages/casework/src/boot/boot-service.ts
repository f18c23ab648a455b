import { openDatabase, type DatabaseHandle } from '@escalations/db';
import type { PolicyLibrary } from '@escalations/domain';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { databaseOptionsOf, type ServiceConfig } from '../config/service-config';
import { loadMailSettings } from '../mail/load-mail-settings';
import type { MailSettings } from '../mail/mail-settings';

/** What every role of the service shares, made once per process. */
export interface ServiceFoundation {
  config: ServiceConfig;
  database: DatabaseHandle;
  library: PolicyLibrary;
  mail: MailSettings;
  policiesDir: string;
}

/**
 * Start-up common to every role: the policies first (a bad file stops here, naming the file
 * and the path), then the database, migrated, then the mail settings.
 */
export async function bootService(config: ServiceConfig): Promise<ServiceFoundation> {
  const policiesDir = config.POLICIES_DIR ?? defaultPoliciesDir(__dirname);
  const library = readPolicyLibrary(policiesDir);
  const database = await openDatabase({ ...databaseOptionsOf(config), role: 'service' });
  try {
    await database.migrate();
    const mail = await loadMailSettings({
      database: database.db,
      library,
      policiesDir,
      domain: config.MAIL_DOMAIN,
      contactsFile: config.PARTNERSHIP_CONTACTS,
    });
    return { config, database, library, mail, policiesDir };
  } catch (error) {
    await database.close();
    throw error;
  }
}
