import { readArrivalHeaders } from '@escalations/casework';
import { classifyAutomaticEmail, parseInboundEmail } from '@escalations/email';

const BIG = 250 * 1024;

/** Messages each with one 250 KB header of a kind that once made a pattern backtrack. */
const HEADERS: Record<string, string> = {
  From: `From: ${'a'.repeat(BIG)}`,
  'From (angle brackets)': `From: ${'<'.repeat(BIG)}`,
  'Message-ID': `Message-ID: ${'<'.repeat(BIG)}`,
  'Message-ID (folded)': `Message-ID: ${'<\r\n '.repeat(BIG / 4)}`,
  Subject: `Subject: ${'=?utf-8?q?'.repeat(BIG / 10)}`,
  References: `References: ${'<a@b> '.repeat(BIG / 6)}`,
  'Return-Path': `Return-Path: ${'a'.repeat(BIG)}`,
};

/**
 * The slowest of them read as the intake reads a message before its 250, then parsed and
 * classified as the processor does: the time one hostile message can hold the process.
 */
export async function slowestMalformedHeader(): Promise<{ header: string; ms: number }> {
  let slowest = { header: '', ms: 0 };
  for (const [header, line] of Object.entries(HEADERS)) {
    const raw = Buffer.from(`To: nel@escalations.localhost\r\n${line}\r\n\r\nbody\r\n`, 'latin1');
    const started = performance.now();
    readArrivalHeaders(raw);
    classifyAutomaticEmail(await parseInboundEmail(raw));
    const ms = performance.now() - started;
    if (ms > slowest.ms) slowest = { header, ms };
  }
  return slowest;
}
