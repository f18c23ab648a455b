import type { AddressInfo } from 'node:net';
import { Casework, InboundStore, type MailSettings } from '@escalations/casework';
import { testMailSettings } from '@escalations/casework/testing';
import type { DatabaseKind } from '@escalations/db';
import { createTestDatabase, memoryLog, type TestDatabase } from '@escalations/db/testing';
import type { PolicyLibrary } from '@escalations/domain';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { createSmtpTransport, type MailTransport } from '@escalations/email';
import type { DNSResolver } from 'mailauth';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { SmtpIntake } from '../intake/smtp-intake';
import { MessageProcessor, type ProcessorOptions } from '../processing/message-processor';
import { createDnsResolver } from '../processing/dns-resolver';
import { OutboxSender } from '../sending/outbox-sender';
import { CaptureSmtpServer } from './capture-smtp-server';
import { CaseworkFailingOn } from './casework-failing-on';
import { LOOPBACK_SPF, TestDnsServer, type TestDnsZone } from './test-dns-server';

let library: PolicyLibrary | undefined;
export function policyLibrary(): PolicyLibrary {
  library ??= readPolicyLibrary(defaultPoliciesDir(__dirname));
  return library;
}

/**
 * DNS without a network, for the benchmarks only (every sender publishes nothing): the
 * tests run a real DNS server on loopback instead (`TestDnsServer`).
 */
export function fakeDns(txt: Record<string, string[]> = {}): DNSResolver {
  return (name, rrtype) => {
    const records = rrtype === 'TXT' ? txt[name.toLowerCase()] : undefined;
    if (records) return Promise.resolve(records.map((record) => [record]));
    return Promise.reject(Object.assign(new Error(`${name} not found`), { code: 'ENOTFOUND' }));
  };
}

export interface MailHarness {
  database: TestDatabase;
  settings: MailSettings;
  casework: Casework;
  intake: SmtpIntake;
  processor: MessageProcessor;
  sender: OutboxSender;
  world: CaptureSmtpServer;
  /** the DNS server the sender checks ask, on loopback */
  dns: TestDnsServer;
  /** a resolver asking it, for other processors a test makes */
  resolver: DNSResolver;
  clock: { now: Date };
  /** send a message to our SMTP intake, as an agency's mail server would */
  deliver(mail: Mail.Options): Promise<void>;
  /** process all stored mail and send all queued mail */
  drain(): Promise<void>;
  /** another processor on this database: the harness's settings, `options` over them */
  processorWith(options?: Partial<ProcessorOptions>, casework?: Casework): MessageProcessor;
  /** casework on this database that throws `error` opening a case whose name holds `poison` */
  caseworkFailingOn(poison: string, error: string): Casework;
  close(): Promise<void>;
}

/**
 * The mail role, whole and real: the SMTP intake on loopback, the processor, casework on a
 * fresh database, and the outbox sender delivering to a capture SMTP server.
 */
export async function startMailHarness(
  engine: DatabaseKind,
  options: {
    /** default: every domain's SPF lets loopback send for it, so participants are verified */
    dns?: TestDnsZone;
    senderChecks?: 'relaxed' | 'strict';
    answersPerHour?: number;
    now?: Date;
  } = {},
): Promise<MailHarness> {
  const database = await createTestDatabase(engine);
  const settings = testMailSettings();
  const clock = { now: options.now ?? new Date('2026-11-24T10:00:00Z') };
  const now = () => clock.now;
  const policies = policyLibrary();
  const routes = { domain: settings.domain, policyIds: [...policies.policies.keys()] };
  const caseworkDeps = { database: database.db, library: policies, clock: now, mail: settings };
  const casework = new Casework(caseworkDeps);
  const intake = new SmtpIntake(
    // the log kept in memory: a test's output is its own, not the intake's lines
    {
      host: '127.0.0.1',
      port: 0,
      maxMessageBytes: 1024 * 1024,
      routes,
      log: memoryLog('mail').log,
    },
    new InboundStore(database.db, now),
  );
  const address: AddressInfo = await intake.start();
  const dns = new TestDnsServer(options.dns ?? { senderDefault: LOOPBACK_SPF });
  const resolver = createDnsResolver([await dns.start()], 500, 0);
  const processorWith = (overrides: Partial<ProcessorOptions> = {}, acting = casework) =>
    new MessageProcessor(
      { ...caseworkDeps, casework: acting },
      {
        routes,
        senderChecks: options.senderChecks ?? 'relaxed',
        senderCheckOptions: { mta: 'mx.escalations.localhost', resolver },
        maxAttempts: 3,
        maxAttachmentBytes: 256 * 1024,
        answersPerHour: options.answersPerHour ?? 5,
        ...overrides,
      },
    );
  const processor = processorWith();
  const world = new CaptureSmtpServer();
  const transport: MailTransport = createSmtpTransport(await world.start());
  const sender = new OutboxSender(database.db, transport, now);
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port: address.port,
    secure: false,
    ignoreTLS: true,
  });
  return {
    database,
    settings,
    casework,
    intake,
    processor,
    sender,
    world,
    dns,
    resolver,
    clock,
    deliver: async (mail) => {
      await client.sendMail(mail);
    },
    processorWith,
    caseworkFailingOn: (poison, error) => new CaseworkFailingOn(caseworkDeps, poison, error),
    drain: async () => {
      while ((await processor.runLeases()) > 0);
      while ((await sender.runOnce()).sent > 0);
    },
    close: async () => {
      client.close();
      transport.close();
      await intake.stop();
      await world.stop();
      await dns.stop();
      await database.destroy();
    },
  };
}
