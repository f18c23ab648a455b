import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Casework, InboundStore } from '@escalations/casework';
import { testMailSettings } from '@escalations/casework/testing';
import { openDatabase } from '@escalations/db';
import { createLogger } from '@escalations/db/log';
import { formatTable } from '@escalations/domain';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import nodemailer from 'nodemailer';
import postgres from 'postgres';
import { SmtpIntake } from '../intake/smtp-intake';
import { MessageProcessor } from '../processing/message-processor';
import { fakeDns } from '../testing/mail-harness';
import { WorkerLoop } from '../worker-loop';
import { slowestMalformedHeader } from './malformed-headers';
import { attemptOversizedMessage } from './oversized-message';

/**
 * `npm run bench` (mail): N new escalations over SMTP into a fresh database on the local
 * Postgres, processed by the real processor and casework. Prints messages per second,
 * p50/p99 from receipt (the 250) to the acknowledgement queued, and peak memory.
 * Aim: 200 new escalations a second on a 2-core machine, p99 under 250 ms. First, in the
 * same process before anything else has grown it, messages over the default MAX_MESSAGE_BYTES
 * (25 MB): a 128 MB one, whose RSS growth is V8 sizing its heap for streaming plus the 25 MB
 * held until the limit is passed, then a 1 GB one: answered 552, with RSS growing by under
 * 10 MB more (a message held whole would grow it by about 1 GB). And the slowest message
 * with one 250 KB header (From, Message-ID, Subject, ...) to read and parse, which once held
 * the whole process for half a minute.
 */
const N = Number(process.env.BENCH_ESCALATIONS ?? 2000);
const CONNECTIONS = 8;
const PROCESSORS = Number(process.env.BENCH_PROCESSORS ?? 2);
/** processes of three processors each, besides the one running the intake */
const WORKER_PROCESSES = Number(process.env.BENCH_WORKER_PROCESSES ?? 1);
const WARM_UP_BYTES = 128 * 1024 ** 2;
const OVERSIZED_BYTES = 1024 ** 3;
const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = postgres(server, { max: 1, onnotice: () => undefined, connect_timeout: 5 });
  try {
    await admin`select 1`;
  } catch {
    console.log('skipped: no Postgres at DATABASE_URL');
    await admin.end();
    return;
  }
  const name = `bench_mail_${Date.now()}`;
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 12 });
  let peakRss = process.memoryUsage().rss;
  let memory: NodeJS.Timeout | undefined;
  try {
    await handle.migrate();
    const malformed = await slowestMalformedHeader();
    const refusing = new InboundStore(handle.db);
    const warmUp = await attemptOversizedMessage(refusing, WARM_UP_BYTES, MAX_MESSAGE_BYTES);
    const oversized = await attemptOversizedMessage(refusing, OVERSIZED_BYTES, MAX_MESSAGE_BYTES);
    peakRss = process.memoryUsage().rss;
    memory = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const library = readPolicyLibrary(defaultPoliciesDir(__dirname));
    const mail = testMailSettings();
    const clock = () => new Date();
    const routes = { domain: mail.domain, policyIds: [...library.policies.keys()] };
    const casework = new Casework({ database: handle.db, library, clock, mail });
    const loops = Array.from({ length: PROCESSORS }, (_, i) => {
      const processor = new MessageProcessor(
        { database: handle.db, library, casework, mail, clock },
        {
          routes,
          senderChecks: 'relaxed',
          senderCheckOptions: { mta: mail.domain, resolver: fakeDns() },
          maxAttempts: 3,
          maxAttachmentBytes: 1 << 20,
          answersPerHour: 5,
        },
      );
      return new WorkerLoop(
        `processor-${i}`,
        async () => (await processor.runOnce(10)) > 0,
        20,
        createLogger({ role: 'mail', destination: process.stderr }),
      );
    });
    const intake = new SmtpIntake(
      {
        host: '127.0.0.1',
        port: 0,
        maxMessageBytes: 1 << 20,
        routes,
        onStored: () => loops.forEach((loop) => loop.wake()),
      },
      new InboundStore(handle.db, clock),
    );
    const address: AddressInfo = await intake.start();
    loops.forEach((loop) => loop.start());
    const workers = await Promise.all(
      Array.from({ length: WORKER_PROCESSES }, async () => {
        const worker = fork(join(__dirname, 'processor-worker.js'), [url.toString()]);
        await new Promise<void>((ready, failed) => {
          worker.once('message', () => ready());
          worker.once('exit', (code) => failed(new Error(`a processor process exited (${code})`)));
        });
        return worker;
      }),
    );
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: address.port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: CONNECTIONS,
      maxMessages: Infinity,
    });
    const policies = [...library.policies.keys()];
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < N) {
          const i = next++;
          await client.sendMail({
            from: `Practitioner ${i} <practitioner${i}@school${i % 50}.example.org>`,
            to: `${policies[i % policies.length]}@${mail.domain}`,
            subject: 'Escalation',
            text: `Case: Child ${i}\nAgency: School ${i % 50}\nOther agency: Children's Services\nDisagreement: Referral ${i} closed without an assessment.\nManager: Manager ${i} <manager${i}@school${i % 50}.example.org>`,
          });
        }
      }),
    );
    const sent = Date.now();
    const reader = postgres(url.toString(), { max: 1, onnotice: () => undefined });
    for (;;) {
      const [row] = await reader<{ n: number }[]>`select count(*)::int as n from cases`;
      const count = row?.n ?? 0;
      if (count >= N) break;
      if (Date.now() - sent > 300_000)
        throw new Error(`only ${count} of ${N} cases after 5 minutes`);
      await new Promise((done) => setTimeout(done, 100));
    }
    const finished = Date.now();
    client.close();
    await intake.stop();
    await Promise.all(loops.map((loop) => loop.stop()));
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((done) => {
            worker.once('exit', () => done());
            worker.send('stop');
          }),
      ),
    );
    const latencies = await reader<{ ms: number }[]>`
      select extract(epoch from (min(o.created_at) - m.received_at)) * 1000 as ms
      from messages m
      join notices n on n.case_id = m.case_id and n.kind = 'acknowledgement'
      join outbox o on o.notice_id = n.id
      where m.direction = 'inbound' and m.kind = 'escalation'
      group by m.id, m.received_at`;
    await reader.end();
    const values = latencies.map((row) => Number(row.ms)).sort((a, b) => a - b);
    const perSecond = N / ((finished - started) / 1000);
    console.log(
      `Mail intake benchmark: ${N} new escalations over SMTP (${CONNECTIONS} connections; ${PROCESSORS} processors beside the intake and ${WORKER_PROCESSES} more process(es) of 3, as start:mail scales out) into Postgres\n`,
    );
    console.log(
      formatTable(
        ['measure', 'value', 'aim', 'met?'],
        [
          [
            'escalations per second (SMTP in to acknowledgement queued)',
            perSecond.toFixed(0),
            '200',
            perSecond >= 200 ? 'yes' : 'no',
          ],
          [
            'receipt to acknowledgement queued, p50 (ms)',
            percentile(values, 50).toFixed(1),
            '',
            '',
          ],
          [
            'receipt to acknowledgement queued, p99 (ms)',
            percentile(values, 99).toFixed(1),
            '250',
            percentile(values, 99) < 250 ? 'yes' : 'no',
          ],
          [
            'acknowledgements measured',
            String(values.length),
            String(N),
            values.length === N ? 'yes' : 'no',
          ],
          ['SMTP sending took (s)', ((sent - started) / 1000).toFixed(1), '', ''],
          ['peak RSS (MiB)', (peakRss / 2 ** 20).toFixed(0), '', ''],
          [
            'messages over MAX_MESSAGE_BYTES (25 MB) over SMTP: replies',
            `${warmUp.responseCode} ${oversized.responseCode}`,
            '552 552',
            warmUp.responseCode === 552 && oversized.responseCode === 552 ? 'yes' : 'no',
          ],
          [
            'RSS growth, the first (128 MB) message (MiB)',
            (warmUp.rssGrowthBytes / 2 ** 20).toFixed(1),
            '',
            '',
          ],
          [
            'RSS growth, a 1 GB message after it (MiB)',
            (oversized.rssGrowthBytes / 2 ** 20).toFixed(1),
            '< 10',
            oversized.rssGrowthBytes < 10 * 2 ** 20 ? 'yes' : 'no',
          ],
          ['a 1 GB message sent and refused in (s)', oversized.seconds.toFixed(1), '', ''],
          [
            `a 250 KB header read, parsed, classified, slowest: ${malformed.header} (ms)`,
            malformed.ms.toFixed(0),
            '< 250',
            malformed.ms < 250 ? 'yes' : 'no',
          ],
        ],
      ),
    );
  } finally {
    if (memory) clearInterval(memory);
    await handle.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
