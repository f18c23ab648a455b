import { testEngines, createTestDatabase, type TestDatabase } from '../testing';
import { InboundMessageRepository } from '../repositories';
import { messages } from '../schema';
import { OperationsRepository } from './operations.repository';
import { eq } from 'drizzle-orm';

const envelope = {
  via: 'smtp' as const,
  mailFrom: null,
  rcptTo: [],
  remoteAddress: null,
  helo: null,
};

describe.each(testEngines())('OperationsRepository.queueDepths on %s', (engine) => {
  let database: TestDatabase;
  const operations = new OperationsRepository();
  const inbound = new InboundMessageRepository();
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  }, 60_000);
  afterAll(() => database.destroy());

  const store = (n: number, receivedAt: Date) =>
    inbound.store(database.db, {
      raw: Buffer.from(`message ${n}`),
      receivedAt,
      messageId: `m${n}@test`,
      sha256: `sha-${n}`,
      fromAddress: null,
      envelope,
    });

  it('is empty on an empty database', async () => {
    expect(await operations.queueDepths(database.db, new Date())).toEqual({
      inboundWaiting: 0,
      oldestWaitingSince: null,
      inboundSetAside: 0,
      outboxPending: 0,
    });
  });

  it('counts waiting and set-aside mail; the oldest due is the earliest not in backoff', async () => {
    const first = await store(1, new Date('2026-11-24T09:00:00Z'));
    const second = await store(2, new Date('2026-11-24T09:30:00Z'));
    const third = await store(3, new Date('2026-11-24T09:45:00Z'));
    // the first failed and waits out its backoff until 11:00; the third was set aside
    await inbound.markFailed(database.db, first.id, 'boom', new Date('2026-11-24T11:00:00Z'));
    await database.db
      .update(messages)
      .set({ status: 'set-aside' })
      .where(eq(messages.id, third.id));
    expect(await operations.queueDepths(database.db, new Date('2026-11-24T10:00:00Z'))).toEqual({
      inboundWaiting: 2,
      oldestWaitingSince: new Date('2026-11-24T09:30:00Z'),
      inboundSetAside: 1,
      outboxPending: 0,
    });
    await inbound.markProcessed(
      database.db,
      second.id,
      { kind: 'unrecognised' },
      new Date('2026-11-24T10:01:00Z'),
    );
    // in its backoff the failed message is waiting, but not late; past it, late since 11:00
    const at = async (now: string) =>
      (await operations.queueDepths(database.db, new Date(now))).oldestWaitingSince;
    expect(await at('2026-11-24T10:30:00Z')).toBeNull();
    expect(await at('2026-11-24T11:05:00Z')).toEqual(new Date('2026-11-24T11:00:00Z'));
    expect(await operations.messageOutcome(database.db, first.id)).toEqual({
      status: 'failed',
      kind: null,
    });
    expect(await operations.messageOutcome(database.db, second.id)).toEqual({
      status: 'processed',
      kind: 'unrecognised',
    });
  });
});
