import type { NestExpressApplication } from '@nestjs/platform-express';
import type { PartnershipContacts } from '@escalations/casework';
import { testMailSettings } from '@escalations/casework/testing';
import { createTestDatabase, type TestDatabase } from '@escalations/db/testing';
import { openDatabase, type DatabaseKind } from '@escalations/db';
import type { Log } from '@escalations/db/log';
import type { PolicyLibrary } from '@escalations/domain';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { ApiKeyService } from '../auth/api-key.service';
import { createApi } from '../create-api';
import { validateResponsesAgainstDocument } from './response-validation';

let library: PolicyLibrary | undefined;

/** The repository's own policies, read once per test file. */
export function policyLibrary(): PolicyLibrary {
  library ??= readPolicyLibrary(defaultPoliciesDir(__dirname));
  return library;
}

export interface ApiHarness {
  app: NestExpressApplication;
  database: TestDatabase;
  /** the HTTP server for supertest */
  server: ReturnType<NestExpressApplication['getHttpServer']>;
  adminKey: string;
  auditorKey: string;
  /** a mail provider's webhook key: POST /inbound and nothing else */
  inboundKey: string;
  /** the API's clock: tests set it, nothing sleeps */
  clock: { now: Date };
  close(): Promise<void>;
}

export interface ApiHarnessOptions {
  /**
   * Start a second instance of the API on this harness's database, as a second process
   * would on a shared Postgres (with a connection pool of its own; on PGlite, which one
   * process owns, the same handle). Closing the second instance leaves the database to its
   * owner.
   */
  sharing?: ApiHarness;
  /** who holds each partnership role (PARTNERSHIP_CONTACTS); none by default */
  partnershipContacts?: PartnershipContacts;
  /**
   * a policies folder of the test's own (a copy it may change, e.g. a calendar to reload);
   * the repository's policies/ by default
   */
  policiesDir?: string;
  /** a log for the test to read (`memoryLog`); none by default */
  log?: Log;
  /** METRICS_TOKEN and READY_MAX_INBOUND_AGE_SECONDS; by default no token, 300 s */
  operations?: { metricsToken?: string; readyMaxInboundAgeSeconds?: number };
}

/**
 * The real API on a fresh, migrated database of its own (PGlite in memory, or a new
 * database on the DATABASE_URL server), with an admin, an auditor and an inbound key.
 */
export async function startApiHarness(
  engine: DatabaseKind,
  now = new Date('2026-11-24T10:00:00Z'),
  options: ApiHarnessOptions = {},
): Promise<ApiHarness> {
  const database = options.sharing
    ? await shareDatabase(options.sharing.database)
    : await createTestDatabase(engine);
  const clock = { now };
  const app = await createApi(
    {
      database: database.db,
      library: options.policiesDir ? readPolicyLibrary(options.policiesDir) : policyLibrary(),
      clock: () => clock.now,
      mail: testMailSettings(options.partnershipContacts),
      ...(options.policiesDir ? { policiesDir: options.policiesDir } : {}),
      ...(options.log ? { log: options.log } : {}),
      ...options.operations,
    },
    { logger: false },
  );
  validateResponsesAgainstDocument(app);
  await app.init();
  const keys = app.get(ApiKeyService);
  const adminKey = (await keys.create('admin', 'test admin')).key;
  const auditorKey = (await keys.create('auditor', 'test auditor')).key;
  const inboundKey = (await keys.create('inbound', 'test webhook')).key;
  return {
    app,
    database,
    server: app.getHttpServer(),
    adminKey,
    auditorKey,
    inboundKey,
    clock,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}

/** Another client on a test database: its own pool on Postgres, the same handle on PGlite. */
async function shareDatabase(owner: TestDatabase): Promise<TestDatabase> {
  if (owner.kind === 'pglite' || !owner.url) return { ...owner, destroy: async () => {} };
  const handle = await openDatabase({ url: owner.url, poolSize: 5 });
  return { ...handle, url: owner.url, destroy: () => handle.close() };
}
