import { eq } from 'drizzle-orm';
import { attachments, cases, events, messages, notices } from '../schema';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing';
import { EventRepository } from './event.repository';
import { InboundMessageRepository } from './inbound-message.repository';
import { NoticeRepository } from './notice.repository';

// A NUL, a lone surrogate: what a text or jsonb column refuses as it is.
const UNSTORABLE = 'a\0b\uD800c';
const STORED = 'a\uFFFDb\uFFFDc';

describe.each(testEngines())('free text from outside, stored on %s', (engine) => {
  let database: TestDatabase;
  const inbound = new InboundMessageRepository();

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  }, 60_000);
  afterAll(() => database.destroy());

  async function store(tag: string) {
    return inbound.store(database.db, {
      raw: Buffer.from(`Message-ID: <${tag}>\r\n\r\n`),
      messageId: `${tag}${UNSTORABLE}`,
      sha256: tag,
      fromAddress: UNSTORABLE,
      envelope: { via: 'smtp', mailFrom: UNSTORABLE, rcptTo: [], remoteAddress: null, helo: null },
    });
  }

  it('stores a message whose Message-ID, From and envelope hold a NUL, once', async () => {
    const first = await store('one');
    expect(first.duplicate).toBe(false);
    expect(await store('one')).toEqual({ id: first.id, duplicate: true });
    const [row] = await database.db.select().from(messages).where(eq(messages.id, first.id));
    expect(row!.fromAddress).toBe(STORED);
    expect(row!.envelope?.mailFrom).toBe(STORED);
  });

  it('records a failure and attachments whose text holds a NUL', async () => {
    const { id } = await store('two');
    await inbound.addAttachments(database.db, id, [
      { filename: UNSTORABLE, contentType: UNSTORABLE, size: 0, sha256: 'x', content: null },
    ]);
    await inbound.markFailed(database.db, id, `${UNSTORABLE}${'x'.repeat(10_000)}`, null);
    const [row] = await database.db.select().from(messages).where(eq(messages.id, id));
    expect(row!.status).toBe('set-aside');
    expect(row!.error!.startsWith(STORED)).toBe(true);
    expect(row!.error!.length).toBeLessThanOrEqual(2000);
    const [file] = await database.db
      .select()
      .from(attachments)
      .where(eq(attachments.messageId, id));
    expect([file!.filename, file!.contentType]).toEqual([STORED, STORED]);
    expect(await inbound.listByStatus(database.db, 'set-aside', 10)).toEqual([
      expect.objectContaining({ id, status: 'set-aside', caseRef: null }),
    ]);
  });

  it("stores events' and notices' JSON data holding a NUL (jsonb refuses \\u0000)", async () => {
    const [created] = await database.db
      .insert(cases)
      .values({
        ref: 'NEL-2026-0001',
        policyId: 'nel',
        status: 'open',
        version: 1,
        raisedAt: new Date('2026-12-23T10:00:00Z'),
        caseName: 'Child A',
        agency: 'School',
        otherAgency: 'CSC',
        disagreement: 'Threshold',
        category: 'other',
        risk: 'standard',
        currentStage: 1,
      })
      .returning({ id: cases.id });
    const caseId = created!.id;
    await new EventRepository().append(database.db, caseId, [
      {
        type: 'note-added',
        at: '2026-12-23T10:00:00.000Z',
        stage: 1,
        actor: UNSTORABLE,
        verified: false,
        data: { note: UNSTORABLE, [UNSTORABLE]: [UNSTORABLE] },
      },
    ] as never);
    await new NoticeRepository().insertNew(database.db, caseId, [
      { key: 'k', kind: 'confirmation', stage: 1, to: [UNSTORABLE], data: { note: UNSTORABLE } },
    ] as never);
    const [event] = await database.db.select().from(events).where(eq(events.caseId, caseId));
    expect(event!.actor).toBe(STORED);
    expect(event!.data).toEqual({ note: STORED, [STORED]: [STORED] });
    const [notice] = await database.db.select().from(notices).where(eq(notices.caseId, caseId));
    expect(notice!.recipients).toEqual([STORED]);
    expect(notice!.data).toEqual({ note: STORED });
  });
});
