import { openDatabase, type DatabaseHandle } from '@escalations/db';
import { calendarsRunningOut, type PolicyLibrary } from '@escalations/domain';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { databaseOptionsOf, type ServiceConfig } from '../config/service-config';
import { loadMailSettings } from '../mail/load-mail-settings';
import type { MailSettings } from '../mail/mail-settings';
import { ServiceMetrics } from '../operations/service-metrics';

/** What every role of the service shares, made once per process. */
export interface ServiceFoundation {
  config: ServiceConfig;
  database: DatabaseHandle;
  library: PolicyLibrary;
  mail: MailSettings;
  policiesDir: string;
  /** one registry per process: every role started on this foundation records onto it */
  metrics: ServiceMetrics;
}

/**
 * Start-up common to every role: the policies first (a bad file stops here, naming the file
 * and the path), then the database, migrated, then the mail settings. Warns of calendars
 * that end within 12 months.
 */
export async function bootService(
  config: ServiceConfig,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  now: Date = new Date(),
): Promise<ServiceFoundation> {
  const policiesDir = config.POLICIES_DIR ?? defaultPoliciesDir(__dirname);
  const library = readPolicyLibrary(policiesDir);
  // From 12 months before a calendar in use ends, every start says so (as /health does).
  for (const running of calendarsRunningOut(library, now)) warn(`Warning: ${running.message}`);
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
    const metrics = new ServiceMetrics({ processMetrics: true });
    return { config, database, library, mail, policiesDir, metrics };
  } catch (error) {
    await database.close();
    throw error;
  }
}
