import { startApiRole } from '@escalations/api';
import {
  bootService,
  describeRolesWithoutAddress,
  partnershipRolesWithoutAddressIn,
  type ServiceConfig,
} from '@escalations/casework';
import { createLogger, type Log } from '@escalations/db/log';
import { startMailRole } from '@escalations/mail';
import { runsApi, runsMail, type Role } from './roles';

export interface RunningService {
  /** what an operator needs at start-up: where each role answers, the first admin key */
  banner: string[];
  /** the API's address when this process runs it */
  apiUrl: string | null;
  /** the SMTP intake's host:port when this process runs the mail role */
  smtpAddress: string | null;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  clock?: () => Date;
  /** the service's log; by default as LOG_LEVEL and LOG_FORMAT ask, on standard output */
  log?: Log;
}

/**
 * The one composition of the roles (the apps never import each other; this is where they
 * meet): load the policies and open and migrate the database once, then start the API with
 * the deadline scheduler, the mail role, or both, on that one foundation.
 */
export async function startService(
  config: ServiceConfig,
  role: Role,
  options: ServiceOptions = {},
): Promise<RunningService> {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? createLogger({ role: 'api' });
  const foundation = await bootService(config, log);
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    // the mail role first: it may still queue mail the API's scheduler would otherwise miss
    for (const stopRole of stops.reverse()) await stopRole().catch(() => undefined);
    await foundation.database.close();
  };
  try {
    const banner: string[] = [''];
    let apiUrl: string | null = null;
    let smtpAddress: string | null = null;
    let firstAdminKey: string | null = null;
    if (runsApi(role)) {
      const api = await startApiRole(foundation, clock, log.as('api'));
      stops.push(() => api.stop());
      apiUrl = api.url;
      firstAdminKey = api.firstAdminKey;
      banner.push(
        `API               ${api.url}/api/v1   (docs ${api.url}/api/docs, health ${api.url}/health)`,
        `Deadline sweeps   every ${config.SCHEDULER_INTERVAL_SECONDS} s`,
      );
    }
    if (runsMail(role)) {
      const mail = await startMailRole({
        ...foundation,
        database: foundation.database.db,
        clock,
        log: log.as('mail'),
      });
      stops.push(() => mail.stop());
      smtpAddress = mail.smtpAddress;
      banner.push(
        `SMTP intake       ${mail.smtpAddress}`,
        `Mailboxes         ${mail.mailboxes.join(', ')}`,
        `Outgoing mail     ${mail.outgoing}`,
        `Mail role probes  http://${mail.operations}/health/ready   (metrics: /metrics)`,
      );
      if (mail.imap) banner.push(`IMAP              ${mail.imap}`);
    }
    banner.push(`Database          ${foundation.database.location}`);
    const unaddressed = describeRolesWithoutAddress(
      await partnershipRolesWithoutAddressIn(
        foundation.database.db,
        foundation.mail,
        foundation.library,
      ),
    );
    if (unaddressed.length > 0) banner.push('', ...unaddressed);
    if (firstAdminKey && apiUrl) {
      banner.push(
        '',
        'First run: an admin API key was made. It is shown this once; keep it safe:',
        `  ${firstAdminKey}`,
        `  curl -H "Authorization: Bearer ${firstAdminKey}" ${apiUrl}/api/v1/policies`,
      );
    }
    return { banner, apiUrl, smtpAddress, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
