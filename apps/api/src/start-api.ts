import { loadMailSettings } from '@escalations/casework';
import { openDatabase, type DatabaseHandle } from '@escalations/db';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiKeyService } from './auth/api-key.service';
import { databaseOptionsOf, type AppConfig } from './config/app-config';
import { createApi } from './create-api';

export interface RunningApi {
  app: NestExpressApplication;
  database: DatabaseHandle;
  url: string;
  /** printed once: the admin key generated on first run */
  firstAdminKey: string | null;
  stop(): Promise<void>;
}

/**
 * Open and migrate the database, load the policies (a bad file stops here, naming itself),
 * make sure an admin key exists, and listen.
 */
export async function startApi(config: AppConfig): Promise<RunningApi> {
  const policiesDir = config.POLICIES_DIR ?? defaultPoliciesDir(__dirname);
  const library = readPolicyLibrary(policiesDir);
  const database = await openDatabase(databaseOptionsOf(config));
  try {
    await database.migrate();
    const mail = await loadMailSettings({
      database: database.db,
      library,
      policiesDir,
      domain: config.MAIL_DOMAIN,
      contactsFile: config.PARTNERSHIP_CONTACTS,
    });
    const app = await createApi({ database: database.db, library, clock: () => new Date(), mail });
    const keys = app.get(ApiKeyService);
    let firstAdminKey: string | null = null;
    if (config.ADMIN_API_KEY) await keys.ensureAdmin(config.ADMIN_API_KEY, 'ADMIN_API_KEY');
    else if (!(await keys.hasActiveAdminKey()))
      firstAdminKey = (await keys.create('admin', 'first admin key')).key;
    await app.listen(config.API_PORT, config.API_HOST);
    const address = app.getHttpServer().address() as { port: number };
    return {
      app,
      database,
      url: `http://${config.API_HOST}:${address.port}`,
      firstAdminKey,
      stop: async () => {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
