import { Casework } from '@escalations/casework';
import { testMailSettings } from '@escalations/casework/testing';
import { openDatabase, WORK_CHANNELS } from '@escalations/db';
import { createLogger } from '@escalations/db/log';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { MessageProcessor } from '../processing/message-processor';
import { fakeDns } from '../testing/mail-harness';
import { cachingDnsResolver } from '../processing/dns-cache';
import { SENDER_SCHOOLS_TXT } from './sender-schools';
import { FALLBACK_POLL_MS, wakeOnWork } from '../wake-on-work';
import { WorkerLoop } from '../worker-loop';

/**
 * Three more mail processors in a process of their own, as a deployment on Postgres scales
 * out (`npm run start:mail` several times): the benchmark forks these when asked
 * (`BENCH_WORKER_PROCESSES`). Stops when its parent says so.
 */
async function main(): Promise<void> {
  const url = process.argv[2];
  if (!url) throw new Error('usage: processor-worker <database url>');
  const handle = await openDatabase({ url, poolSize: 6 });
  const library = readPolicyLibrary(defaultPoliciesDir(__dirname));
  const mail = testMailSettings();
  const clock = () => new Date();
  const casework = new Casework({ database: handle.db, library, clock, mail });
  const routes = { domain: mail.domain, policyIds: [...library.policies.keys()] };
  const log = createLogger({ role: 'mail', destination: process.stderr });
  const loops = Array.from({ length: 3 }, (_, i) => {
    const processor = new MessageProcessor(
      { database: handle.db, library, casework, mail, clock },
      {
        routes,
        senderChecks: 'relaxed',
        senderCheckOptions: {
          mta: mail.domain,
          resolver: cachingDnsResolver(fakeDns(SENDER_SCHOOLS_TXT)),
        },
        maxAttempts: 3,
        maxAttachmentBytes: 1 << 20,
        answersPerHour: 5,
      },
    );
    return new WorkerLoop(
      `worker-processor-${i}`,
      async () => (await processor.runLeases()) > 0,
      FALLBACK_POLL_MS,
      log,
    );
  });
  // woken by the database when mail is stored, as a deployed instance is
  await Promise.all(loops.map((loop) => wakeOnWork(handle.db, WORK_CHANNELS.inbound, loop, log)));
  loops.forEach((loop) => loop.start());
  process.send?.('ready');
  process.on('message', (message) => {
    if (message === 'cpu') {
      process.send?.({ cpu: process.cpuUsage() });
      return;
    }
    if (message !== 'stop') return;
    void Promise.all(loops.map((loop) => loop.stop()))
      .then(() => handle.close())
      .then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
