import { createHash, randomUUID } from 'node:crypto';
import { InboundMessageRepository, OutboxRepository, messages } from '@escalations/db';
import { createTestDatabase, testEngines, type TestDatabase } from '@escalations/db/testing';
import { inArray } from 'drizzle-orm';
import { leaseHolderOf, takeOverFromPredecessor } from './worker-identity';

const LEASE_MS = 300_000;

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

describe('a worker’s identity', () => {
  it('without WORKER_ID, the identity is the host and the role', () => {
    expect(leaseHolderOf('mail', undefined, 'mail-7f9c').worker).toBe('mail-7f9c/mail');
    expect(leaseHolderOf('mail', ' mail-3 ', 'h').worker).toBe('mail-3');
  });
});

describe.each(testEngines())('leases after a crash, on %s', (engine) => {
  let database: TestDatabase;
  const repository = new InboundMessageRepository();
  const outbox = new OutboxRepository();
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  }, 60_000);
  afterAll(() => database.destroy());

  const leaseAll = (holder: ReturnType<typeof leaseHolderOf>, now = new Date()) =>
    repository.lease(database.db, now, new Date(+now + LEASE_MS), 100, holder);

  it('a restarted worker takes back its dead predecessor’s leases at once, not another’s', async () => {
    const identity = 'mail-0';
    const predecessor = leaseHolderOf('mail', identity);
    const other = leaseHolderOf('mail', 'mail-1');
    const mine = await repository.store(database.db, inbound('in flight when mail-0 died'));
    expect(await leaseAll(predecessor)).toHaveLength(1);
    const theirs = await repository.store(database.db, inbound('mail-1 is working on it'));
    expect(await leaseAll(other)).toHaveLength(1);
    const queued = await outbox.enqueue(database.db, {
      raw: Buffer.from('Subject: ack\r\n\r\nbody\r\n'),
      messageId: `${randomUUID()}@escalations.localhost`,
      sha256: createHash('sha256').update(randomUUID()).digest('hex'),
      caseId: null,
      noticeId: null,
      mailFrom: 'nel@escalations.localhost',
      recipients: ['a@school.example.org'],
      kind: 'answer',
      queuedAt: new Date(Date.now() - 1_000),
    });
    const now = new Date();
    expect(
      await outbox.lease(database.db, now, new Date(+now + LEASE_MS), 10, predecessor),
    ).toHaveLength(1);

    // mail-0 restarts: the same identity, a new incarnation
    const successor = leaseHolderOf('mail', identity);
    expect(successor.worker).toBe(predecessor.worker);
    expect(successor.incarnation).not.toBe(predecessor.incarnation);
    // nothing is due before the takeover: both leases have five minutes to run
    expect(await leaseAll(successor)).toHaveLength(0);
    expect(await takeOverFromPredecessor(database.db, successor, new Date())).toEqual({
      inbound: 1,
      outbox: 1,
    });
    const retaken = await leaseAll(successor);
    expect(retaken.map((row) => row.id)).toEqual([mine.id]);
    expect(retaken[0]!.attempts).toBe(2); // the dead attempt counts towards setting it aside
    const resent = await outbox.lease(
      database.db,
      new Date(),
      new Date(Date.now() + LEASE_MS),
      10,
      successor,
    );
    expect(resent.map((row) => row.messageRowId)).toEqual([queued]);

    // a second start of the same incarnation, or another worker's start, takes nothing back
    expect(await takeOverFromPredecessor(database.db, successor, new Date())).toEqual({
      inbound: 0,
      outbox: 0,
    });
    const rows = await database.db
      .select({ id: messages.id, worker: messages.leaseWorker })
      .from(messages)
      .where(inArray(messages.id, [mine.id, theirs.id]));
    expect(Object.fromEntries(rows.map((row) => [row.id, row.worker]))).toEqual({
      [mine.id]: 'mail-0',
      [theirs.id]: 'mail-1',
    });
  });

  it('takes a burst in full and drains it in arrival order across two workers', async () => {
    const burst = 200;
    const stored = await Promise.all(
      Array.from({ length: burst }, (_, i) => repository.store(database.db, inbound(`burst ${i}`))),
    );
    expect(stored.filter((row) => row.duplicate)).toHaveLength(0);
    const workers = [leaseHolderOf('mail', 'a'), leaseHolderOf('mail', 'b')];
    const taken: { id: string; arrival: number }[] = [];
    for (let turn = 0; taken.length < burst; turn++) {
      const now = new Date();
      const batch = await repository.lease(
        database.db,
        now,
        new Date(+now + LEASE_MS),
        10,
        workers[turn % 2],
      );
      expect(batch.length).toBeGreaterThan(0);
      taken.push(...batch);
    }
    const arrivals = taken.map((row) => row.arrival);
    expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
    expect(new Set(taken.map((row) => row.id))).toEqual(new Set(stored.map((row) => row.id)));
  }, 60_000);
});
