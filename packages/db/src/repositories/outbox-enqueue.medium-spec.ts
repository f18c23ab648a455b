import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { messages, outbox } from '../schema';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing';
import { OutboxRepository, type QueuedMail } from './outbox.repository';

/** Postgres takes at most 65,535 parameters a statement; a queued mail's row is 8. */
const MORE_THAN_ONE_STATEMENT_HOLDS = 65_535 / 8 + 10;

function mail(i: number, raw = Buffer.from(`Message-ID: <q${i}@escalations.localhost>\r\n\r\nx`)) {
  return {
    raw,
    messageId: `q${i}@escalations.localhost`,
    sha256: createHash('sha256').update(raw).digest('hex'),
    caseId: null,
    noticeId: null,
    mailFrom: 'bounces@escalations.localhost',
    recipients: [`p${i}@school.example.org`],
    kind: 'notice',
    queuedAt: new Date('2026-03-02T09:00:00Z'),
  } satisfies QueuedMail;
}

describe.each(testEngines())('queueing outgoing mail on %s', (engine) => {
  let database: TestDatabase;
  const repository = new OutboxRepository();

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  }, 60_000);
  afterAll(() => database.destroy());
  beforeEach(async () => {
    await database.db.delete(outbox);
    await database.db.delete(messages);
  });

  it('stores the exact bytes, every byte value, and one delivery for a Message-ID queued twice', async () => {
    const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    await repository.enqueueMany(database.db, [mail(1, bytes), mail(1, bytes), mail(2)]);
    const [stored] = await database.db
      .select({ raw: messages.raw, status: messages.status, direction: messages.direction })
      .from(messages)
      .where(eq(messages.messageId, 'q1@escalations.localhost'));
    expect(stored).toEqual({ raw: bytes, status: 'queued', direction: 'outbound' });
    expect(await database.db.$count(outbox)).toBe(2);
  });

  it('queues more mail at once than one statement can carry', async () => {
    const many = Array.from({ length: MORE_THAN_ONE_STATEMENT_HOLDS }, (_, i) => mail(i));
    await repository.enqueueMany(database.db, many);
    expect(await database.db.$count(messages)).toBe(many.length);
    expect(await database.db.$count(outbox)).toBe(many.length);
  }, 120_000);
});
