import type { AddressInfo } from 'node:net';
import type { InboundStore } from '@escalations/casework';
import { SmtpIntake } from '../intake/smtp-intake';

export interface OversizedAttempt {
  /** the SMTP reply code the sender got */
  responseCode: number | null;
  /** the most this process's RSS rose above where it stood before the attempt */
  rssGrowthBytes: number;
  seconds: number;
}

/**
 * One message of `bytes` sent over SMTP, by `send` in the senders' process, to an intake
 * here that takes `limit`: what the sender is told, and what it cost the intake's memory.
 */
export async function attemptOversizedMessage(
  store: InboundStore,
  bytes: number,
  limit: number,
  send: (port: number, bytes: number) => Promise<number | null>,
): Promise<OversizedAttempt> {
  const routes = { domain: 'escalations.localhost', policyIds: ['nel'] };
  const intake = new SmtpIntake(
    { host: '127.0.0.1', port: 0, maxMessageBytes: limit, routes },
    store,
  );
  const address: AddressInfo = await intake.start();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = Date.now();
  let responseCode: number | null = null;
  try {
    responseCode = await send(address.port, bytes);
  } finally {
    clearInterval(sample);
    peak = Math.max(peak, process.memoryUsage.rss());
    await intake.stop();
  }
  return { responseCode, rssGrowthBytes: peak - before, seconds: (Date.now() - started) / 1000 };
}
