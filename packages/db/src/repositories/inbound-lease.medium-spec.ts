import { createHash } from 'node:crypto';
import { messages } from '../schema';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing';
import { InboundMessageRepository } from './inbound-message.repository';

const KB = 1024;

describe.each(testEngines())('leasing inbound mail by bytes as well as count on %s', (engine) => {
  let database: TestDatabase;
  const repository = new InboundMessageRepository();
  const now = new Date('2026-03-02T09:00:00Z');
  const leaseUntil = new Date('2026-03-02T09:05:00Z');

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  }, 60_000);
  afterAll(() => database.destroy());
  beforeEach(() => database.db.delete(messages));

  /** messages of these sizes (in KB), stored in this order */
  async function store(...sizes: number[]): Promise<string[]> {
    const ids: string[] = [];
    for (const [i, size] of sizes.entries()) {
      const raw = Buffer.alloc(size * KB, 'x');
      raw.write(`Message-ID: <m${i}-${size}@example.org>\r\n\r\n`);
      const stored = await repository.store(database.db, {
        raw,
        messageId: `m${i}-${size}@example.org`,
        sha256: createHash('sha256').update(raw).digest('hex'),
        fromAddress: 'asha.patel@school.example.org',
        envelope: {
          via: 'smtp',
          mailFrom: null,
          rcptTo: ['nel@escalations.localhost'],
          remoteAddress: '127.0.0.1',
          helo: null,
        },
      });
      ids.push(stored.id);
    }
    return ids;
  }

  const lease = (limit: number, maxBytes?: number) =>
    repository.lease(database.db, now, leaseUntil, limit, null, maxBytes);

  it('takes the oldest messages until the next would start past the byte budget', async () => {
    const ids = await store(40, 40, 40, 40);
    // 40 + 40 is under 100; the third starts at 80, under it; the fourth starts at 120, past it
    expect((await lease(20, 100 * KB)).map((row) => row.id)).toEqual(ids.slice(0, 3));
    expect((await lease(20, 100 * KB)).map((row) => row.id)).toEqual(ids.slice(3));
  });

  it('always takes the oldest message, however large, so none waits for ever', async () => {
    const ids = await store(300, 10);
    expect((await lease(20, 100 * KB)).map((row) => row.id)).toEqual([ids[0]]);
    expect((await lease(20, 100 * KB)).map((row) => row.id)).toEqual([ids[1]]);
  });

  it('still takes no more than the count asked for, and everything when no budget is given', async () => {
    const ids = await store(1, 1, 1, 1, 1);
    expect((await lease(3, 100 * KB)).map((row) => row.id)).toEqual(ids.slice(0, 3));
    expect((await lease(20)).map((row) => row.id)).toEqual(ids.slice(3));
  });
});
