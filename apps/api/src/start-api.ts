import {
  bootService,
  participantLimitsOf,
  partnershipRolesWithoutAddressIn,
  type RoleWithoutAddress,
  type ServiceFoundation,
} from '@escalations/casework';
import type { DatabaseHandle } from '@escalations/db';
import type { Log } from '@escalations/db/log';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiKeyService } from './auth/api-key.service';
import type { AppConfig } from './config/app-config';
import { createApi } from './create-api';

export interface RunningApi {
  app: NestExpressApplication;
  database: DatabaseHandle;
  url: string;
  /** printed once: the admin key generated on first run */
  firstAdminKey: string | null;
  /** printed at start-up: mail to these goes to a mailbox nobody reads */
  rolesWithoutAddress: RoleWithoutAddress[];
  stop(): Promise<void>;
}

/** The API role on a foundation another part of the process owns (`npm start` runs all roles in one). */
export async function startApiRole(
  foundation: ServiceFoundation,
  clock: () => Date = () => new Date(),
  /** the API's log (the scheduler's lines under its own role); by default LOG_LEVEL and LOG_FORMAT's */
  log?: Log,
): Promise<Omit<RunningApi, 'database'>> {
  const { config, database, library, mail } = foundation;
  const app = await createApi({
    database: database.db,
    library,
    clock,
    mail,
    schedulerIntervalSeconds: config.SCHEDULER_INTERVAL_SECONDS,
    maxMessageBytes: config.MAX_MESSAGE_BYTES,
    ...(config.RETENTION_YEARS ? { retentionYears: config.RETENTION_YEARS } : {}),
    policiesDir: foundation.policiesDir,
    participantLimits: participantLimitsOf(config),
    metrics: foundation.metrics,
    readyMaxInboundAgeSeconds: config.READY_MAX_INBOUND_AGE_SECONDS,
    ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
    ...(log ? { log } : {}),
  });
  try {
    const keys = app.get(ApiKeyService);
    let firstAdminKey: string | null = null;
    if (config.ADMIN_API_KEY) await keys.ensureAdmin(config.ADMIN_API_KEY, 'ADMIN_API_KEY');
    else if (!(await keys.hasActiveAdminKey()))
      firstAdminKey = (await keys.create('admin', 'first admin key')).key;
    await app.listen(config.API_PORT, config.API_HOST);
    const address = app.getHttpServer().address() as { port: number };
    const url = `http://${config.API_HOST}:${address.port}`;
    // a second process finding the embedded folder taken is told where the API answers instead
    database.announce({ apiUrl: url });
    return {
      app,
      url,
      firstAdminKey,
      rolesWithoutAddress: await partnershipRolesWithoutAddressIn(database.db, mail, library),
      stop: () => app.close(),
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/**
 * The API alone: load the policies (a bad file stops here, naming itself), open and migrate
 * the database, make sure an admin key exists, and listen.
 */
export async function startApi(config: AppConfig): Promise<RunningApi> {
  const foundation = await bootService(config);
  try {
    const api = await startApiRole(foundation);
    return {
      ...api,
      database: foundation.database,
      stop: async () => {
        await api.stop();
        await foundation.database.close();
      },
    };
  } catch (error) {
    await foundation.database.close();
    throw error;
  }
}
