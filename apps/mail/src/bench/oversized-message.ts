import type { AddressInfo } from 'node:net';
import type { InboundStore } from '@escalations/casework';
import nodemailer from 'nodemailer';
import { SmtpIntake } from '../intake/smtp-intake';
import { streamedMessage } from '../testing/streamed-message';

export interface OversizedAttempt {
  /** the SMTP reply code the sender got */
  responseCode: number | null;
  /** the most the process's RSS rose above where it stood before the attempt */
  rssGrowthBytes: number;
  seconds: number;
}

/**
 * One message of `bytes` sent over SMTP to an intake that takes `limit`: what the sender is
 * told, and what it cost this process's memory (sender and intake both live here, so the
 * figure is an upper bound for the intake).
 */
export async function attemptOversizedMessage(
  store: InboundStore,
  bytes: number,
  limit: number,
): Promise<OversizedAttempt> {
  const routes = { domain: 'escalations.localhost', policyIds: ['nel'] };
  const intake = new SmtpIntake(
    { host: '127.0.0.1', port: 0, maxMessageBytes: limit, routes },
    store,
  );
  const address: AddressInfo = await intake.start();
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port: address.port,
    secure: false,
    ignoreTLS: true,
  });
  global.gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = Date.now();
  let responseCode: number | null = null;
  try {
    await client.sendMail({
      envelope: { from: 'asha.patel@school.example.org', to: 'nel@escalations.localhost' },
      raw: streamedMessage(bytes, `oversized-${Date.now()}@school.example.org`),
    });
    responseCode = 250;
  } catch (error) {
    responseCode = (error as { responseCode?: number }).responseCode ?? null;
  } finally {
    clearInterval(sample);
    peak = Math.max(peak, process.memoryUsage.rss());
    client.close();
    await intake.stop();
  }
  return { responseCode, rssGrowthBytes: peak - before, seconds: (Date.now() - started) / 1000 };
}
