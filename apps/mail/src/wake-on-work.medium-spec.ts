import { createHash, randomUUID } from 'node:crypto';
import {
  InboundMessageRepository,
  openDatabase,
  OutboxRepository,
  WORK_CHANNELS,
  type Database,
} from '@escalations/db';
import {
  createTestDatabase,
  memoryLog,
  testEngines,
  type TestDatabase,
} from '@escalations/db/testing';
import { wakeOnWork } from './wake-on-work';
import { WorkerLoop } from './worker-loop';

/** Far longer than any wait here: work found in these tests was found by a notification. */
const FALLBACK_MS = 600_000;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until<T>(probe: () => T | undefined, seconds: number): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${seconds} s`);
    await sleep(20);
  }
}

function inbound(text: string) {
  const raw = Buffer.from(`From: a@school.example.org\r\nSubject: x\r\n\r\n${text}\r\n`);
  return {
    raw,
    messageId: `${randomUUID()}@school.example.org`,
    sha256: createHash('sha256').update(raw).digest('hex'),
    fromAddress: 'a@school.example.org',
    envelope: { via: 'smtp' as const, mailFrom: null, rcptTo: [], remoteAddress: null, helo: null },
  };
}

describe.each(testEngines())('loops woken on work, not polling, on %s', (engine) => {
  let database: TestDatabase;
  /** where other processes write: another connection on Postgres, the one PGlite otherwise */
  let writer: { db: Database; close(): Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    writer = database.url
      ? await openDatabase({ url: database.url, poolSize: 1 })
      : { db: database.db, close: () => Promise.resolve() };
  }, 60_000);
  afterAll(async () => {
    await writer.close();
    await database.destroy();
  });

  it('queries nothing while idle, and takes an inbound message stored elsewhere at once', async () => {
    const repository = new InboundMessageRepository();
    let queries = 0;
    const taken: string[] = [];
    const loop = new WorkerLoop(
      'processor',
      async () => {
        queries++;
        const now = new Date();
        const leased = await repository.lease(database.db, now, new Date(+now + 60_000), 10);
        taken.push(...leased.map((row) => row.id));
        return leased.length > 0;
      },
      FALLBACK_MS,
      memoryLog('mail').log,
    );
    const unlisten = await wakeOnWork(
      database.db,
      WORK_CHANNELS.inbound,
      loop,
      memoryLog('mail').log,
    );
    try {
      loop.start();
      await until(() => (queries > 0 ? true : undefined), 10);
      const afterStart = queries;
      await sleep(1_500); // idle: a loop polling every 10-20 ms would run ~100 times here
      expect(queries - afterStart).toBe(0);

      const { id } = await repository.store(writer.db, inbound('one'));
      const started = Date.now();
      await until(() => (taken.includes(id) ? true : undefined), 30);
      // woken by the notification: the fallback poll is ten minutes away
      expect(Date.now() - started).toBeLessThan(FALLBACK_MS / 10);
      expect(queries - afterStart).toBeLessThanOrEqual(3);
    } finally {
      await unlisten();
      await loop.stop();
    }
  }, 60_000);

  it('wakes the sender when mail is queued, and no more after it stops listening', async () => {
    const outbox = new OutboxRepository();
    let wakes = 0;
    const sent: string[] = [];
    const loop = new WorkerLoop(
      'sender',
      async () => {
        wakes++;
        const now = new Date();
        const rows = await outbox.lease(database.db, now, new Date(+now + 60_000), 10);
        sent.push(...rows.map((row) => row.messageRowId));
        return rows.length > 0;
      },
      FALLBACK_MS,
      memoryLog('mail').log,
    );
    const log = memoryLog('mail');
    const unlisten = await wakeOnWork(database.db, WORK_CHANNELS.outbox, loop, log.log);
    expect(log.lines).toHaveLength(0); // both engines can listen
    loop.start();
    try {
      await until(() => (wakes > 0 ? true : undefined), 10);
      const queue = (n: number) =>
        outbox.enqueue(writer.db, {
          raw: Buffer.from(`Subject: ${n}\r\n\r\nbody\r\n`),
          messageId: `${randomUUID()}@escalations.localhost`,
          sha256: createHash('sha256').update(randomUUID()).digest('hex'),
          caseId: null,
          noticeId: null,
          mailFrom: 'nel@escalations.localhost',
          recipients: ['a@school.example.org'],
          kind: 'answer',
          queuedAt: new Date(Date.now() - 1_000),
        });
      const first = await queue(1);
      await until(() => (sent.includes(first!) ? true : undefined), 30);
      await unlisten();
      const before = wakes;
      await queue(2);
      await sleep(1_000);
      expect(wakes).toBe(before);
    } finally {
      await loop.stop();
    }
  }, 60_000);
});
