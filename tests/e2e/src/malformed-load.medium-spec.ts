import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { InboundStore } from '@escalations/casework';
import { messages } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { MAIL_DOMAIN, startService, type RunningService } from './support/service';

const COUNT = 1000;
const BIG = 250 * 1024;
const NEL = `nel@${MAIL_DOMAIN}`;

/**
 * Message `n` of the load: every tenth has a 250 KB header (From, Message-ID, Subject or
 * References in turn), the rest something a database or a parser might choke on.
 */
function malformed(n: number): Buffer {
  const id = `${n}.${randomBytes(4).toString('hex')}@load.example`;
  const base = (headers: string[], body = 'Case: Child A\r\n') =>
    Buffer.from([...headers, '', body].join('\r\n'), 'latin1');
  if (n % 10 === 0) {
    const big = ['From', 'Message-ID', 'Subject', 'References'][(n / 10) % 4]!;
    const value = big === 'From' ? `${'a'.repeat(BIG)}` : `<${'<'.repeat(BIG)}`;
    const headers = [`From: sender${n}@load.example`, `To: ${NEL}`, `Message-ID: <${id}>`];
    return base([...headers.filter((h) => !h.startsWith(`${big}:`)), `${big}: ${value}`]);
  }
  switch (n % 10) {
    case 1:
      return base([`From: a@load.example`, `To: ${NEL}`, `Message-ID: <${n}\0${id}>`]);
    case 2:
      return base([`From: a\0${n}@load.example`, `To: ${NEL}`, `Message-ID: <${id}>`]);
    case 3:
      return base(
        [
          `From: a@load.example`,
          `To: ${NEL}`,
          `Message-ID: <${id}>`,
          'Content-Type: multipart/mixed; boundary="b"',
        ],
        '--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b\r\nContent-Type: application/pdf\0x\r\n\r\n%PDF\r\n--b--\r\n',
      );
    case 4:
      return base([
        `From: a@load.example`,
        `To: ${NEL}`,
        `Message-ID: <${randomBytes(3000).toString('base64url')}.${n}>`,
      ]);
    case 5:
      return base(
        [
          `From: a@load.example`,
          `To: ${NEL}`,
          `Message-ID: <${id}>`,
          'Content-Type: multipart/mixed',
        ],
        '--nowhere\r\n\r\n',
      );
    case 6:
      return Buffer.concat([randomBytes(512), Buffer.from(`\r\n${id}\r\n`)]);
    case 7:
      return base([
        `From: a@load.example`,
        `To: ${NEL}`,
        `Subject: \xff\xfe\x00${n}`,
        `Message-ID: <${id}>`,
      ]);
    case 8:
      return base([
        `From: =?utf-8?b?${'=?'.repeat(2000)}?= <a@load.example>`,
        `To: ${NEL}`,
        `Message-ID: <${id}>`,
      ]);
    default:
      return base([`To: ${NEL}`, `Message-ID: <${id}>`, `References: ${'<x@y> '.repeat(2000)}`]);
  }
}

/**
 * However malformed the mail, the process stays responsive: /health answers while the
 * processor works through a thousand such messages (a 250 KB From once stalled the whole
 * process for half a minute). No clock is read: a stall shows as jest's timeout.
 */
describe.each(testEngines())('the service under malformed mail on %s', (engine) => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService(engine, new Date('2026-11-24T10:00:00Z'));
  }, 120_000);
  afterAll(() => service?.stop());

  const pending = async () => {
    const [row] = await service.db
      .select({ n: sql<number>`count(*)::int` })
      .from(messages)
      .where(
        and(
          eq(messages.direction, 'inbound'),
          inArray(messages.status, ['received', 'processing']),
        ),
      );
    return row?.n ?? 0;
  };

  it('answers /health while it stores and processes 1,000 malformed messages, and loses none', async () => {
    // Stored as the intake stores them, in this process, with the processor running.
    const store = new InboundStore(service.db, () => service.clock.now);
    let healthyWhileBusy = 0;
    for (let n = 0; n < COUNT; n += 1) {
      await store.store(malformed(n), {
        via: 'smtp',
        mailFrom: null,
        rcptTo: [NEL],
        remoteAddress: '127.0.0.1',
        helo: null,
      });
      if (n % 100 === 99) {
        await request(service.apiUrl).get('/health').expect(200);
        healthyWhileBusy += 1;
      }
    }
    while ((await pending()) > 0) {
      await request(service.apiUrl).get('/health').expect(200);
      healthyWhileBusy += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(healthyWhileBusy).toBeGreaterThan(0);
    const stored = await service.db
      .select({ status: messages.status, n: sql<number>`count(*)::int` })
      .from(messages)
      .where(eq(messages.direction, 'inbound'))
      .groupBy(messages.status);
    expect(stored).toEqual([{ status: 'processed', n: COUNT }]);
  }, 600_000);
});
