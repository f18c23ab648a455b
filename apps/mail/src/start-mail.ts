import { join, resolve } from 'node:path';
import {
  Casework,
  InboundStore,
  mailAliases,
  participantLimitsOf,
  type MailSettings,
  type ServiceConfig,
  ServiceMetrics,
} from '@escalations/casework';
import { WORK_CHANNELS, type Database } from '@escalations/db';
import { createLogger, type Log } from '@escalations/db/log';
import type { PolicyLibrary } from '@escalations/domain';
import { createFileTransport, createSmtpTransport, type MailTransport } from '@escalations/email';
import { ImapPoller } from './imap/imap-poller';
import { SmtpIntake } from './intake/smtp-intake';
import { createDnsResolver, dnsServersOf } from './processing/dns-resolver';
import { MessageProcessor } from './processing/message-processor';
import { OutboxSender } from './sending/outbox-sender';
import { startOperationsServer } from './operations/operations-server';
import { FALLBACK_POLL_MS, wakeOnWork } from './wake-on-work';
import { leaseHolderOf, takeOverFromPredecessor } from './worker-identity';
import { WorkerLoop } from './worker-loop';

export interface MailRoleDependencies {
  config: ServiceConfig;
  database: Database;
  library: PolicyLibrary;
  mail: MailSettings;
  clock: () => Date;
  /** the process's metrics (one registry when every role runs in one); else the role's own */
  metrics?: ServiceMetrics;
  /** the role's log; by default as LOG_LEVEL and LOG_FORMAT ask, on standard output */
  log?: Log;
}

export interface RunningMailRole {
  smtpAddress: string;
  imap: string | null;
  outgoing: string;
  mailboxes: string[];
  /** host:port of the role's own HTTP port: /metrics, /health/live, /health/ready */
  operations: string;
  stop(): Promise<void>;
}

/**
 * The mail role: SMTP intake, the processor and the outbox sender (and, with IMAP_URL, the
 * poller), each its own loop over the database, so several instances can run against one
 * Postgres.
 */
export async function startMailRole(deps: MailRoleDependencies): Promise<RunningMailRole> {
  const { config, database, library, mail, clock } = deps;
  const log = deps.log ?? createLogger({ role: 'mail' });
  const routes = {
    domain: config.MAIL_DOMAIN,
    policyIds: [...library.policies.keys()],
    aliases: mailAliases(config),
  };
  const metrics = deps.metrics ?? new ServiceMetrics();
  metrics.observe({ database, library, clock });
  const leaseHolder = leaseHolderOf('mail', config.WORKER_ID);
  const casework = new Casework({
    database,
    library,
    clock,
    mail,
    participantLimits: participantLimitsOf(config),
  });
  const processor = new MessageProcessor(
    { database, library, casework, mail, clock },
    {
      routes,
      senderChecks: config.SENDER_CHECKS,
      senderCheckOptions: {
        mta: config.MAIL_DOMAIN,
        trustedAuthservId: config.TRUSTED_AUTHSERV_ID,
        resolver: createDnsResolver(dnsServersOf(config.DNS_SERVERS), config.DNS_TIMEOUT_MS),
      },
      maxAttempts: config.PROCESSOR_MAX_ATTEMPTS,
      maxAttachmentBytes: config.MAX_ATTACHMENT_BYTES,
      answersPerHour: config.ANSWERS_PER_SENDER_PER_HOUR,
      leaseHolder,
      metrics,
      log,
    },
  );
  const transport: MailTransport = config.SMTP_URL
    ? createSmtpTransport(config.SMTP_URL)
    : createFileTransport(join(resolve(config.DATA_DIR), 'outbox'));
  const sender = new OutboxSender(database, transport, clock, { log, metrics, leaseHolder });
  const sending = new WorkerLoop(
    'sender',
    async () => (await sender.runOnce()).sent > 0,
    FALLBACK_POLL_MS,
    log,
  );
  // Processed mail usually queues mail (an acknowledgement, confirmations): send it at once.
  const processing = new WorkerLoop(
    'processor',
    async () => {
      const taken = await processor.runLeases();
      if (taken > 0) sending.wake();
      return taken > 0;
    },
    FALLBACK_POLL_MS,
    log,
  );
  const store = new InboundStore(database, clock);
  const intake = new SmtpIntake(
    {
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      maxMessageBytes: config.MAX_MESSAGE_BYTES,
      routes,
      ...(config.SMTP_TLS_KEY && config.SMTP_TLS_CERT
        ? { tls: { keyFile: config.SMTP_TLS_KEY, certFile: config.SMTP_TLS_CERT } }
        : {}),
      ...(config.SMTP_AUTH_USER && config.SMTP_AUTH_PASS
        ? { auth: { user: config.SMTP_AUTH_USER, pass: config.SMTP_AUTH_PASS } }
        : {}),
      log,
      onStored: () => processing.wake(),
    },
    store,
  );
  const taken = await takeOverFromPredecessor(database, leaseHolder, clock());
  if (taken.inbound + taken.outbox > 0) log.info('loop.leases-taken-back', { counts: taken });
  // Mail stored or queued by any process (another instance, the API, the scheduler) wakes us.
  const unlisten = await Promise.all([
    wakeOnWork(database, WORK_CHANNELS.inbound, processing, log),
    wakeOnWork(database, WORK_CHANNELS.outbox, sending, log),
  ]);
  const address = await intake.start();
  const operations = await startOperationsServer({
    host: config.MAIL_METRICS_HOST,
    port: config.MAIL_METRICS_PORT,
    metrics,
    ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
    readiness: { database, clock, maxInboundAgeSeconds: config.READY_MAX_INBOUND_AGE_SECONDS },
  }).catch(async (error: unknown) => {
    await intake.stop();
    await Promise.all(unlisten.map((stop) => stop()));
    throw error;
  });
  processing.start();
  sending.start();
  // A hosted mailbox, polled as well as (or instead of) the SMTP intake.
  const wakingStore = {
    store: async (...args: Parameters<InboundStore['store']>) => {
      const stored = await store.store(...args);
      processing.wake();
      return stored;
    },
  };
  const poller = config.IMAP_URL
    ? new ImapPoller(
        { url: config.IMAP_URL, log, maxMessageBytes: config.MAX_MESSAGE_BYTES },
        wakingStore,
      )
    : null;
  poller?.start(config.IMAP_POLL_SECONDS * 1000);
  return {
    smtpAddress: `${config.SMTP_HOST}:${address.port}`,
    imap: poller ? 'polling a hosted mailbox (IMAP_URL)' : null,
    outgoing: transport.description,
    mailboxes: routes.policyIds.map((id) => `${id}@${routes.domain}`),
    operations: operations.address,
    stop: async () => {
      await poller?.stop();
      await Promise.all(unlisten.map((stop) => stop()));
      await intake.stop();
      await processing.stop();
      await sending.stop();
      transport.close();
      await operations.stop();
    },
  };
}
