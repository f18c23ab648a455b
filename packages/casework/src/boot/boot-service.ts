import { openDatabase, type DatabaseHandle } from '@escalations/db';
import { createLogger, type Log } from '@escalations/db/log';
import { calendarsRunningOut, daysLeftInCalendars, type PolicyLibrary } from '@escalations/domain';
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
 * and the path), then the database, migrated, then the mail settings. Logs a warning for
 * each calendar that ends within 12 months, with its days left.
 */
export async function bootService(
  config: ServiceConfig,
  log: Log = createLogger({ role: 'api' }),
  now: Date = new Date(),
): Promise<ServiceFoundation> {
  const policiesDir = config.POLICIES_DIR ?? defaultPoliciesDir(__dirname);
  const library = readPolicyLibrary(policiesDir);
  // From 12 months before a calendar in use ends, every start says so (as /health does).
  const daysLeft = new Map(daysLeftInCalendars(library, now).map((c) => [c.calendar, c.daysLeft]));
  for (const { calendar, lastDay } of calendarsRunningOut(library, now))
    log.warn('calendar.running-out', { calendar, lastDay, daysLeft: daysLeft.get(calendar) });
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
