import { asc, sql } from 'drizzle-orm';
import { messages } from '../schema';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing';
import { insertParameterRows } from './parameter-rows';

const at = (iso: string) => new Date(iso);

describe.each(testEngines())('inserting rows a parameter a column on %s', (engine) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  }, 60_000);
  afterAll(() => database.destroy());
  beforeEach(() => database.db.delete(messages));

  it('numbers every parameter in order around SQL values, with and without parameters of their own, and the tail', async () => {
    const rows = [
      { raw: Buffer.from([0, 255, 10]), receivedAt: sql`now()`, messageId: 'a@x', error: null },
      {
        raw: Buffer.from('b'),
        receivedAt: at('2026-03-02T09:00:00Z'),
        messageId: sql`${'b'} || ${'@x'}`,
        error: 'second',
      },
      {
        raw: Buffer.from('c'),
        receivedAt: sql`${'2026-03-03T10:00:00Z'}::timestamptz`,
        messageId: 'c@x',
        error: null,
      },
    ].map((row, i) => ({ direction: 'inbound', status: 'received', sha256: `s${i}`, ...row }));

    const returned = await insertParameterRows(
      database.db,
      messages,
      rows,
      sql`returning "message_id", ${'tail'}::text as "tail"`,
    );

    expect(returned).toEqual([
      { message_id: 'a@x', tail: 'tail' },
      { message_id: 'b@x', tail: 'tail' },
      { message_id: 'c@x', tail: 'tail' },
    ]);
    const stored = await database.db
      .select({
        raw: messages.raw,
        receivedAt: messages.receivedAt,
        messageId: messages.messageId,
        error: messages.error,
      })
      .from(messages)
      .orderBy(asc(messages.messageId));
    expect(stored.map(({ receivedAt, ...rest }) => rest)).toEqual([
      { raw: Buffer.from([0, 255, 10]), messageId: 'a@x', error: null },
      { raw: Buffer.from('b'), messageId: 'b@x', error: 'second' },
      { raw: Buffer.from('c'), messageId: 'c@x', error: null },
    ]);
    expect(stored[0]!.receivedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(stored[1]!.receivedAt).toEqual(at('2026-03-02T09:00:00Z'));
    expect(stored[2]!.receivedAt).toEqual(at('2026-03-03T10:00:00Z'));
  });

  it('refuses a key that is not a column of the table', async () => {
    await expect(
      insertParameterRows(database.db, messages, [{ direction: 'inbound', nope: 1 }], sql``),
    ).rejects.toThrow('no column nope');
  });
});
