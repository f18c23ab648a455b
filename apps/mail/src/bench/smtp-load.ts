import nodemailer from 'nodemailer';
import { streamedMessage } from '../testing/streamed-message';
import { schoolDomain, SENDER_SCHOOLS } from './sender-schools';

/**
 * The benchmark's senders, in a process of their own so the CPU and memory they use
 * composing and sending mail are not counted as the service's. Told by its parent what to
 * send: `flat` (as fast as its connections go), `paced` (so many a second), or one message
 * of `bytes` made as it is sent (`oversized`, to an intake on `port`); answers with a
 * `LoadDone` after each.
 */
export type LoadOrder =
  | { kind: 'flat'; from: number; count: number }
  | { kind: 'paced'; from: number; count: number; perSecond: number }
  | { kind: 'oversized'; port: number; bytes: number }
  | { kind: 'stop' };

/** the SMTP reply code an `oversized` message got (null when the connection failed) */
export interface LoadDone {
  done: true;
  responseCode?: number | null;
}

const CONNECTIONS = 8;

function main(): void {
  const [port, domain, policyList] = process.argv.slice(2);
  if (!port || !domain || !policyList)
    throw new Error('usage: smtp-load <port> <domain> <policies>');
  const policies = policyList.split(',');
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port: Number(port),
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Infinity,
  });
  const send = (i: number) =>
    client.sendMail({
      from: `Practitioner ${i} <practitioner${i}@${schoolDomain(i)}>`,
      to: `${policies[i % policies.length]}@${domain}`,
      subject: 'Escalation',
      text: `Case: Child ${i}\nAgency: School ${i % SENDER_SCHOOLS}\nOther agency: Children's Services\nDisagreement: Referral ${i} closed without an assessment.\nManager: Manager ${i} <manager${i}@${schoolDomain(i)}>`,
    });
  const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

  process.on('message', (order: LoadOrder) => {
    void (async () => {
      if (order.kind === 'stop') {
        client.close();
        process.disconnect?.();
        return;
      }
      if (order.kind === 'oversized') {
        process.send?.({ done: true, responseCode: await sendOversized(order) } satisfies LoadDone);
        return;
      }
      if (order.kind === 'flat') {
        let next = order.from;
        const end = order.from + order.count;
        await Promise.all(
          Array.from({ length: CONNECTIONS }, async () => {
            while (next < end) await send(next++);
          }),
        );
      } else {
        const started = performance.now();
        await Promise.all(
          Array.from({ length: order.count }, async (_, k) => {
            await sleep(started + (k * 1000) / order.perSecond - performance.now());
            await send(order.from + k);
          }),
        );
      }
      process.send?.({ done: true } satisfies LoadDone);
    })().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
  process.send?.('ready');
}

async function sendOversized(order: { port: number; bytes: number }): Promise<number | null> {
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port: order.port,
    secure: false,
    ignoreTLS: true,
  });
  try {
    await client.sendMail({
      envelope: { from: 'asha.patel@school.example.org', to: 'nel@escalations.localhost' },
      raw: streamedMessage(order.bytes, `oversized-${Date.now()}@school.example.org`),
    });
    return 250;
  } catch (error) {
    return (error as { responseCode?: number }).responseCode ?? null;
  } finally {
    client.close();
  }
}

main();
