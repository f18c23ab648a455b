import type { AddressInfo } from 'node:net';
import { messages } from '@escalations/db';
import {
  createTestDatabase,
  memoryLog,
  testEngines,
  type TestDatabase,
} from '@escalations/db/testing';
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { InboundStore } from '@escalations/casework';
import { streamedMessage } from '../testing/streamed-message';
import { SmtpIntake } from './smtp-intake';

const routes = { domain: 'escalations.localhost', policyIds: ['nel', 'kirklees'] };

function client(address: AddressInfo) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port: address.port,
    secure: false,
    ignoreTLS: true,
    tls: { rejectUnauthorized: false },
  });
}

const message = (overrides: Record<string, unknown> = {}) => ({
  from: 'Asha Patel <asha.patel@school.example.org>',
  to: 'nel@escalations.localhost',
  subject: 'Escalation',
  text: 'Case: Child A\nAgency: School\nOther agency: CSC\nDisagreement: threshold',
  messageId: '<first@school.example.org>',
  ...overrides,
});

describe.each(testEngines())('SMTP intake on %s', (engine) => {
  let database: TestDatabase;
  let intake: SmtpIntake;
  let address: AddressInfo;
  const reads: { bytes: number; peakKeptBytes: number }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    intake = new SmtpIntake(
      {
        host: '127.0.0.1',
        port: 0,
        maxMessageBytes: 64 * 1024,
        routes,
        log: memoryLog('mail').log,
        onDataRead: (read) => reads.push(read),
      },
      new InboundStore(database.db),
    );
    address = await intake.start();
  }, 60_000);
  afterAll(async () => {
    await intake.stop();
    await database.destroy();
  });

  const stored = (messageId: string) =>
    database.db.select().from(messages).where(eq(messages.messageId, messageId));

  it('answers 250 only once the raw message is in the database', async () => {
    const info = await client(address).sendMail(message());
    expect(info.response).toMatch(/^250 /);
    const [row] = await stored('first@school.example.org');
    expect(row).toMatchObject({
      direction: 'inbound',
      status: 'received',
      fromAddress: 'asha.patel@school.example.org',
    });
    expect(row!.raw.toString('utf8')).toContain('Case: Child A');
    expect(row!.envelope).toEqual({
      via: 'smtp',
      mailFrom: 'asha.patel@school.example.org',
      rcptTo: ['nel@escalations.localhost'],
      remoteAddress: '127.0.0.1',
      helo: expect.any(String),
    });
  });

  it('takes signed reply addresses', async () => {
    const info = await client(address).sendMail(
      message({
        to: 'nel+nel-2026-0001.abcdefghijklmnop@escalations.localhost',
        messageId: '<reply@school.example.org>',
      }),
    );
    expect(info.accepted).toEqual(['nel+nel-2026-0001.abcdefghijklmnop@escalations.localhost']);
  });

  it('refuses a recipient that is not one of our mailboxes with 550', async () => {
    await expect(
      client(address).sendMail(
        message({ to: 'leeds@escalations.localhost', messageId: '<x1@y.org>' }),
      ),
    ).rejects.toMatchObject({ responseCode: 550 });
    expect(await stored('x1@y.org')).toHaveLength(0);
  });

  it('refuses a message over the size limit with 552 and keeps nothing of it', async () => {
    await expect(
      client(address).sendMail(message({ text: 'x'.repeat(70 * 1024), messageId: '<big@y.org>' })),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await stored('big@y.org')).toHaveLength(0);
  });

  it('reads a 50 MB message to its end holding no more than the limit, then answers 552', async () => {
    reads.length = 0;
    await expect(
      client(address).sendMail({
        envelope: { from: 'asha.patel@school.example.org', to: 'nel@escalations.localhost' },
        raw: streamedMessage(50 * 1024 * 1024, 'huge@y.org'),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(reads).toHaveLength(1);
    expect(reads[0]!.bytes).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    expect(reads[0]!.peakKeptBytes).toBeLessThanOrEqual(64 * 1024);
    expect(await stored('huge@y.org')).toHaveLength(0);
    // and the intake takes the next message as usual
    const info = await client(address).sendMail(message({ messageId: '<after-huge@y.org>' }));
    expect(info.response).toMatch(/^250 /);
  });

  it('makes one message of a duplicate delivery', async () => {
    await client(address).sendMail(message({ messageId: '<twice@school.example.org>' }));
    await client(address).sendMail(message({ messageId: '<twice@school.example.org>' }));
    expect(await stored('twice@school.example.org')).toHaveLength(1);
  });
});

describe('SMTP intake when the database cannot store', () => {
  it('answers 451 so the sender tries again later', async () => {
    const database = await createTestDatabase('pglite');
    const intake = new SmtpIntake(
      {
        host: '127.0.0.1',
        port: 0,
        maxMessageBytes: 64 * 1024,
        routes,
        log: memoryLog('mail').log,
      },
      new InboundStore(database.db),
    );
    const address = await intake.start();
    await database.destroy();
    try {
      await expect(client(address).sendMail(message())).rejects.toMatchObject({
        responseCode: 451,
      });
    } finally {
      await intake.stop();
    }
  });
});
