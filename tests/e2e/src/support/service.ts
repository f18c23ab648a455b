import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootService, loadServiceConfig } from '@escalations/casework';
import { messages, outbox, type Database, type DatabaseKind } from '@escalations/db';
import { createTestDatabase, memoryLog, type TestDatabase } from '@escalations/db/testing';
import { and, eq, inArray, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
// The apps never import each other; like apps/service, the suite composes their builds.
import { startApiRole } from '../../../../apps/api/dist/start-api';
import { startMailRole } from '../../../../apps/mail/dist/start-mail';
import { LOOPBACK_SPF, TestDnsServer } from '../../../../apps/mail/dist/testing/test-dns-server';
import { CaptureSmtp } from './capture-smtp';
import { waitFor } from './wait-for';

export const MAIL_DOMAIN = 'escalations.localhost';
export const ADMIN_KEY = 'e2e-admin-key-0123456789abcdefghijklmnopqrstuvwxyz';
export const METRICS_TOKEN = 'e2e-metrics-token-0123456789abcdefghijklmnop';

/**
 * Who holds each partnership role (PARTNERSHIP_CONTACTS), per policy: deployment
 * configuration, on a domain of their own so their mail is easy to tell apart.
 */
export const PARTNERSHIP = {
  islands: {
    businessSupportManager: 'business-support@islands-partnership.example',
    independentChair: 'independent-chair@islands-partnership.example',
  },
  nel: {
    businessManager: 'business-manager@nel-partnership.example',
    chair: 'chair@nel-partnership.example',
  },
  'south-glos': {
    strategicSafeguardingServiceManager: 'safeguarding-manager@sgsab.example',
    chair: 'chair@sgsab.example',
  },
  kirklees: {
    businessUnitManager: 'business-unit@kscp.example',
    independentPerson: 'independent-person@kscp.example',
  },
  'chew-stoke': {
    boardManager: 'board-manager@lscb.example',
    chair: 'chair@lscb.example',
  },
} as const;

export interface RunningService {
  engine: DatabaseKind;
  /** the clock every role reads: the test moves it */
  clock: { now: Date };
  apiUrl: string;
  /** the mail role's own port: /metrics, /health/live, /health/ready */
  operationsUrl: string;
  /** where the service's outgoing mail lands */
  world: CaptureSmtp;
  db: Database;
  /** send a message to the SMTP intake, as an agency's mail server would */
  deliver(mail: Mail.Options): Promise<void>;
  /** what the roles logged, every level, one JSON object a line */
  log: string[];
  /** until every stored inbound message is processed and every queued message sent */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole service as `npm start` composes it (apps/service): configuration from an
 * environment, the foundation, the API role with the scheduler, the mail role, all in this
 * process on one clock. Everything listens on a free port; outgoing mail goes to a capture
 * SMTP server; the scheduler sweeps only when the test asks (POST /api/v1/scheduler/run).
 * The clock starts at `startAt` (the API's start-up sweep runs then) and moves only when the
 * test sets `clock.now`.
 */
export async function startService(
  engine: DatabaseKind,
  startAt: Date,
  /** policiesDir: POLICIES_DIR, the repository's policies/ when absent */
  options: { policiesDir?: string } = {},
): Promise<RunningService> {
  const world = new CaptureSmtp();
  const smtpUrl = await world.start();
  // The sender checks ask a DNS server of the suite's own, on loopback, in which every
  // participant's domain lets loopback send for it: the journeys' mail is verified.
  const dns = new TestDnsServer({ senderDefault: LOOPBACK_SPF });
  const dnsServer = await dns.start();
  const dataDir = await mkdtemp(join(tmpdir(), 'escalations-e2e-'));
  const contactsFile = join(dataDir, 'partnership-contacts.yaml');
  const contacts = Object.fromEntries(
    Object.entries(PARTNERSHIP).map(([policy, roles]) => [
      policy,
      Object.fromEntries(Object.entries(roles).map(([role, address]) => [role, [address]])),
    ]),
  );
  // JSON is YAML.
  await writeFile(contactsFile, JSON.stringify(contacts, null, 2));
  const database: TestDatabase | null =
    engine === 'postgres' ? await createTestDatabase('postgres', { poolSize: 1 }) : null;

  const config = loadServiceConfig({
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
    DATA_DIR: dataDir,
    API_HOST: '127.0.0.1',
    API_PORT: '0',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: '0',
    SMTP_URL: smtpUrl,
    MAIL_DOMAIN,
    ADMIN_API_KEY: ADMIN_KEY,
    PARTNERSHIP_CONTACTS: contactsFile,
    SCHEDULER_INTERVAL_SECONDS: '86400',
    MAIL_METRICS_PORT: '0',
    METRICS_TOKEN,
    DNS_SERVERS: dnsServer,
    ...(options.policiesDir ? { POLICIES_DIR: options.policiesDir } : {}),
  });
  const clock = { now: startAt };
  const now = () => clock.now;
  const logs = memoryLog('api', 'debug');
  const log = logs.lines;
  const foundation = await bootService(config);
  const api = await startApiRole(foundation, now, logs.log);
  const mail = await startMailRole({
    ...foundation,
    database: foundation.database.db,
    clock: now,
    log: logs.log.as('mail'),
  });
  const db = foundation.database.db;
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port: Number(mail.smtpAddress.split(':').at(-1)),
    secure: false,
    ignoreTLS: true,
  });
  const count = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;

  return {
    engine,
    clock,
    apiUrl: api.url,
    operationsUrl: `http://${mail.operations}`,
    world,
    db,
    log,
    deliver: async (message) => {
      await client.sendMail(message);
    },
    settle: () =>
      waitFor(async () => {
        const stuck = await db
          .select({ status: messages.status, error: messages.error })
          .from(messages)
          .where(
            and(
              eq(messages.direction, 'inbound'),
              inArray(messages.status, ['failed', 'set-aside']),
            ),
          );
        // Given up, or refused once: the capture server never refuses, so either is a fault.
        const unsent = await db
          .select({ status: outbox.status, error: outbox.lastError })
          .from(outbox)
          .where(sql`${outbox.status} = 'failed' or ${outbox.lastError} is not null`);
        if (stuck.length > 0 || unsent.length > 0) {
          throw new Error(
            `mail failed: ${JSON.stringify({ inbound: stuck, outbound: unsent })}\n${log.join('\n')}`,
          );
        }
        const inbound = await count(
          db
            .select({ n: sql<number>`count(*)::int` })
            .from(messages)
            .where(
              and(
                eq(messages.direction, 'inbound'),
                inArray(messages.status, ['received', 'processing']),
              ),
            ),
        );
        const pending = await count(
          db
            .select({ n: sql<number>`count(*)::int` })
            .from(outbox)
            .where(eq(outbox.status, 'pending')),
        );
        return inbound === 0 && pending === 0;
      }, 'every inbound message processed and every queued message sent'),
    stop: async () => {
      client.close();
      await mail.stop();
      await api.stop();
      await foundation.database.close();
      await world.stop();
      await dns.stop();
      await database?.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
