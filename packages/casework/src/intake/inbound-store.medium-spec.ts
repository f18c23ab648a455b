import { sql } from 'drizzle-orm';
import { createTestDatabase, testEngines, type TestDatabase } from '@escalations/db/testing';
import { InboundStore } from './inbound-store';

// Issue 16: under a burst, messages arriving while a commit is under way are committed
// together (a statement and a commit for many), in the order they arrived; a duplicate is
// still the message stored first, and one message the database refuses fails alone.
const envelope = {
  via: 'smtp' as const,
  mailFrom: null,
  rcptTo: ['nel@escalations.test'],
  remoteAddress: null,
  helo: null,
};
const mail = (n: number, from = `practitioner${n}@school.example.org`) =>
  Buffer.from(
    `From: ${from}\r\nTo: nel@escalations.test\r\nMessage-ID: <m${n}@school.example.org>\r\n` +
      `Subject: Escalation ${n}\r\n\r\nCase: Child ${n}\r\n`,
  );

async function rows<T>(database: TestDatabase, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await database.db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

describe.each(testEngines())('storing inbound mail, on %s', (engine) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  }, 180_000);
  afterAll(() => database.destroy());
  beforeEach(() => database.db.execute(sql`delete from messages`));

  it('commits a burst together, in the order it arrived', async () => {
    const store = new InboundStore(database.db);
    const stored = await Promise.all(
      Array.from({ length: 40 }, (_, n) => store.store(mail(n), envelope)),
    );

    expect(stored.every((each) => !each.duplicate)).toBe(true);
    expect(new Set(stored.map((each) => each.id)).size).toBe(40);
    const kept = await rows<{ id: string; transactions: number }>(
      database,
      sql`select id, (select count(distinct xmin::text) from messages)::int as transactions
          from messages order by arrival`,
    );
    expect(kept.map((row) => row.id)).toEqual(stored.map((each) => each.id));
    // the first alone, as it came; the rest, which arrived while it was written, together
    expect(kept[0]!.transactions).toBeLessThanOrEqual(3);
  });

  it('stores one arriving alone at once, and a second delivery as the first', async () => {
    const store = new InboundStore(database.db);
    const first = await store.store(mail(1), envelope);
    const again = await Promise.all([
      store.store(mail(1), envelope),
      store.store(mail(1), envelope),
    ]);

    expect(first.duplicate).toBe(false);
    expect(again).toEqual([
      { id: first.id, duplicate: true },
      { id: first.id, duplicate: true },
    ]);
    const both = await Promise.all([
      store.store(mail(2), envelope),
      store.store(mail(2), envelope),
    ]);
    expect(both[0].duplicate).toBe(false);
    expect(both[1]).toEqual({ id: both[0].id, duplicate: true });
  });

  it('fails only the message the database refuses, and stores the rest of its group', async () => {
    await database.db.execute(sql`
      create or replace function refuse_poison() returns trigger language plpgsql as $$
      begin
        if new.from_address = 'poison@school.example.org' then
          raise exception 'refused for the test';
        end if;
        return new;
      end $$`);
    await database.db.execute(sql`
      create trigger refuse_poison before insert on messages
      for each row execute function refuse_poison()`);
    try {
      const store = new InboundStore(database.db);
      const outcomes = await Promise.allSettled([
        store.store(mail(10), envelope),
        store.store(mail(11), envelope),
        store.store(mail(12, 'poison@school.example.org'), envelope),
        store.store(mail(13), envelope),
      ]);

      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      const kept = await rows<{ subject: string }>(
        database,
        sql`select from_address as subject from messages order by arrival`,
      );
      expect(kept.map((row) => row.subject)).toEqual([
        'practitioner10@school.example.org',
        'practitioner11@school.example.org',
        'practitioner13@school.example.org',
      ]);
    } finally {
      await database.db.execute(sql`drop trigger refuse_poison on messages`);
    }
  });
});
