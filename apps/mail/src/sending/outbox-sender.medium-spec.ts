import { messages, outbox, OutboxRepository } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { createSmtpTransport } from '@escalations/email';
import { eq } from 'drizzle-orm';
import { startMailHarness, type MailHarness } from '../testing/mail-harness';
import { OutboxSender } from './outbox-sender';

const MINUTE = 60_000;

describe.each(testEngines())('the outbox sender on %s', (engine) => {
  let mail: MailHarness;
  let senders = 0;

  beforeAll(async () => {
    // The service's clock runs well behind the wall clock (and the database server's): what
    // is queued must be due by the service's clock, whatever time the database keeps.
    mail = await startMailHarness(engine, { now: new Date('2026-03-02T09:00:00Z') });
  }, 60_000);
  afterAll(() => mail.close());

  const later = (ms: number) => {
    mail.clock.now = new Date(mail.clock.now.getTime() + ms);
  };

  /** An answer queued for `address` by the real path: a broken form, processed, not sent. */
  async function queueAnswerTo(address: string): Promise<void> {
    await mail.deliver({
      from: address,
      to: 'nel@escalations.localhost',
      subject: 'help',
      text: 'Case: Child X',
    });
    while ((await mail.processor.runOnce()) > 0);
  }

  async function rowFor(address: string) {
    const rows = await mail.database.db
      .select({
        id: outbox.id,
        status: outbox.status,
        attempts: outbox.attempts,
        nextAttemptAt: outbox.nextAttemptAt,
        lastError: outbox.lastError,
        sentAt: outbox.sentAt,
        messageStatus: messages.status,
        messageId: messages.messageId,
        raw: messages.raw,
      })
      .from(outbox)
      .innerJoin(messages, eq(messages.id, outbox.messageId));
    const mine = rows.filter((row) => row.raw.toString('latin1').includes(address));
    expect(mine).toHaveLength(1);
    return mine[0]!;
  }

  const copiesOf = (messageId: string | null) =>
    mail.world.received.filter((captured) => captured.parsed.messageId === `<${messageId}>`);

  function anotherSender(options: { batch?: number } = {}) {
    senders += 1;
    const transport = createSmtpTransport(`smtp://127.0.0.1:${mail.world.port}`);
    const sender = new OutboxSender(mail.database.db, transport, () => mail.clock.now, options);
    return { sender, close: () => transport.close(), name: `sender ${senders}` };
  }

  it('sends what was queued at once by the service clock, though the database clock is ahead', async () => {
    const address = 'ahead@school.example.org';
    await queueAnswerTo(address);
    const queued = await rowFor(address);
    expect(queued).toMatchObject({ status: 'pending', attempts: 0, messageStatus: 'queued' });
    expect(queued.nextAttemptAt.getTime()).toBeLessThanOrEqual(mail.clock.now.getTime());
    expect(await mail.sender.runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(mail.world.inbox(address)).toHaveLength(1);
  });

  it('retries a server that answers 451 with backoff, and delivers the message once', async () => {
    const address = 'busy@school.example.org';
    await queueAnswerTo(address);
    mail.world.refuseNext = 2;

    const start = mail.clock.now.getTime();
    expect(await mail.sender.runOnce()).toEqual({ sent: 0, failed: 1 });
    let row = await rowFor(address);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, messageStatus: 'queued' });
    expect(row.nextAttemptAt).toEqual(new Date(start + 1 * MINUTE));
    expect(row.lastError).toMatch(/^451 /);

    // Not before its time.
    later(59_000);
    expect(await mail.sender.runOnce()).toEqual({ sent: 0, failed: 0 });

    later(1_000);
    expect(await mail.sender.runOnce()).toEqual({ sent: 0, failed: 1 });
    row = await rowFor(address);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row.nextAttemptAt).toEqual(new Date(start + 1 * MINUTE + 5 * MINUTE));
    expect(row.lastError).toMatch(/^451 /);
    expect(mail.world.inbox(address)).toHaveLength(0);

    later(5 * MINUTE);
    expect(await mail.sender.runOnce()).toEqual({ sent: 1, failed: 0 });
    row = await rowFor(address);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 3,
      lastError: null,
      messageStatus: 'sent',
      sentAt: mail.clock.now,
    });
    later(60 * MINUTE);
    expect(await mail.sender.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(mail.world.inbox(address)).toHaveLength(1);
    expect(copiesOf(row.messageId)).toHaveLength(1);
    expect(mail.world.inbox(address)[0]!.raw.equals(row.raw)).toBe(true);
  });

  it('fails a message at once, without retrying, when the server refuses it for good (5xx)', async () => {
    const address = 'gone@school.example.org';
    await queueAnswerTo(address);
    mail.world.refuseWith = 550;
    mail.world.refuseNext = 1;
    try {
      expect(await mail.sender.runOnce()).toEqual({ sent: 0, failed: 1 });
    } finally {
      mail.world.refuseWith = 451;
      mail.world.refuseNext = 0;
    }
    const row = await rowFor(address);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, messageStatus: 'queued' });
    expect(row.lastError).toMatch(/^550 /);
    later(24 * 60 * MINUTE);
    expect(await mail.sender.runOnce()).toEqual({ sent: 0, failed: 0 });
    expect(await rowFor(address)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(mail.world.inbox(address)).toHaveLength(0);
  });

  it('keeps mail while the server is down and delivers it when it is back', async () => {
    const address = 'patient@school.example.org';
    await queueAnswerTo(address);
    const port = mail.world.port;
    await mail.world.stop();

    expect(await mail.sender.runOnce()).toEqual({ sent: 0, failed: 1 });
    let row = await rowFor(address);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.nextAttemptAt).toEqual(new Date(mail.clock.now.getTime() + MINUTE));
    expect(row.lastError).toMatch(/ECONNREFUSED/);

    later(MINUTE);
    expect(await mail.sender.runOnce()).toEqual({ sent: 0, failed: 1 });
    row = await rowFor(address);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row.nextAttemptAt).toEqual(new Date(mail.clock.now.getTime() + 5 * MINUTE));

    await mail.world.start(port);
    later(5 * MINUTE);
    expect(await mail.sender.runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(await rowFor(address)).toMatchObject({
      status: 'sent',
      attempts: 3,
      messageStatus: 'sent',
    });
    expect(mail.world.inbox(address)).toHaveLength(1);
  });

  it('resends the same bytes and Message-ID once when a sender dies holding its lease', async () => {
    const address = 'crash@school.example.org';
    await queueAnswerTo(address);
    // A sender leases the row, gets the message onto the wire, and dies before marking it.
    const leased = await new OutboxRepository().lease(
      mail.database.db,
      mail.clock.now,
      new Date(mail.clock.now.getTime() + 120_000),
      20,
    );
    expect(leased).toHaveLength(1);
    const transport = createSmtpTransport(`smtp://127.0.0.1:${mail.world.port}`);
    await transport.send(
      leased[0]!.raw,
      { from: leased[0]!.mailFrom, to: leased[0]!.recipients },
      leased[0]!.messageId,
    );
    transport.close();

    // While the lease holds, nobody else takes the row.
    expect(await mail.sender.runOnce()).toEqual({ sent: 0, failed: 0 });
    later(119_000);
    expect(await mail.sender.runOnce()).toEqual({ sent: 0, failed: 0 });

    later(1_000);
    const survivor = anotherSender();
    try {
      expect(await survivor.sender.runOnce()).toEqual({ sent: 1, failed: 0 });
    } finally {
      survivor.close();
    }
    later(60 * MINUTE);
    expect(await mail.sender.runOnce()).toEqual({ sent: 0, failed: 0 });

    const row = await rowFor(address);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, messageStatus: 'sent' });
    const copies = mail.world.inbox(address);
    expect(copies).toHaveLength(2);
    expect(copies[0]!.raw.equals(row.raw)).toBe(true);
    expect(copies[1]!.raw.equals(row.raw)).toBe(true);
    expect(copies.map((copy) => copy.parsed.messageId)).toEqual([
      `<${row.messageId}>`,
      `<${row.messageId}>`,
    ]);
  });

  it('sends each of 20 queued messages once with two senders at work at the same time', async () => {
    const addresses = Array.from({ length: 20 }, (_, n) => `queued.${n}@school.example.org`);
    for (const address of addresses) {
      await mail.deliver({
        from: address,
        to: 'nel@escalations.localhost',
        subject: 'help',
        text: 'Case: Child Y',
      });
    }
    while ((await mail.processor.runOnce()) > 0);
    const one = anotherSender({ batch: 10 });
    const two = anotherSender({ batch: 10 });
    try {
      const results = await Promise.all([one.sender.runOnce(), two.sender.runOnce()]);
      expect(results[0].sent + results[1].sent).toBe(20);
      expect(results[0].failed + results[1].failed).toBe(0);
      expect(await Promise.all([one.sender.runOnce(), two.sender.runOnce()])).toEqual([
        { sent: 0, failed: 0 },
        { sent: 0, failed: 0 },
      ]);
    } finally {
      one.close();
      two.close();
    }
    for (const address of addresses) {
      expect(mail.world.inbox(address)).toHaveLength(1);
      const row = await rowFor(address);
      expect(row).toMatchObject({ status: 'sent', attempts: 1, messageStatus: 'sent' });
      expect(copiesOf(row.messageId)).toHaveLength(1);
    }
  });
});
