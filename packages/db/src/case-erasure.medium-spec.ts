import { eq, sql } from 'drizzle-orm';
import { ErasureRepository } from './repositories';
import {
  attachments,
  cases,
  events,
  messages,
  notices,
  outbox,
  participants,
  stages,
} from './schema';
import { createTestDatabase, testEngines, type TestDatabase } from './testing';

const MARKER = '[erased 2033-01-10]';
const raisedAt = new Date('2026-12-01T10:00:00Z');

/** The database's own words, under drizzle's wrapping. */
async function refusal(attempt: () => Promise<unknown>): Promise<string> {
  const error = await attempt().then(
    () => null,
    (failure: unknown) => failure,
  );
  const cause = (error as { cause?: Error } | null)?.cause;
  return String(cause?.message ?? (error as Error | null)?.message);
}

describe.each(testEngines())('erasing a case on %s', (engine) => {
  let database: TestDatabase;
  let caseId: string;
  let otherCaseId: string;
  const erasure = new ErasureRepository();

  async function seedCase(ref: string): Promise<string> {
    const db = database.db;
    const [row] = await db
      .insert(cases)
      .values({
        ref,
        policyId: 'nel',
        status: 'resolved',
        version: 4,
        raisedAt,
        caseName: 'Child A, NHS 943 476 5919',
        agency: 'Northside School',
        otherAgency: "Children's Social Care",
        disagreement: 'Threshold for a strategy meeting about Child A',
        category: 'threshold',
        risk: 'standard',
        outcomeSought: 'A strategy meeting',
        attemptsSoFar: 'Phoned the social worker',
        currentStage: 2,
        closedAt: new Date('2026-12-10T12:00:00Z'),
        closingText: 'Agreed a meeting for Child A',
        outstanding: ['Health visitor to attend'],
        forms: {
          'recording-template': {
            summary: {
              value: 'Child A missed appointments',
              by: 'asha@school.example.org',
              at: '2026-12-02T10:00:00Z',
            },
          },
        },
      })
      .returning({ id: cases.id });
    const id = row!.id;
    await db.insert(participants).values([
      {
        caseId: id,
        email: 'asha@school.example.org',
        name: 'Asha Patel',
        agency: 'Northside School',
        role: 'raiser',
        side: 'raising',
        joinedAtStage: 1,
        position: 1,
      },
      {
        caseId: id,
        email: 'ben@council.example.org',
        name: null,
        agency: "Children's Social Care",
        role: 'other-practitioner',
        side: 'other',
        joinedAtStage: 1,
        position: 2,
      },
    ]);
    await db.insert(stages).values({
      caseId: id,
      policyId: 'nel',
      caseRaisedAt: raisedAt,
      number: 1,
      startedAt: raisedAt,
      enteredBy: 'raise',
      dueDate: '2026-12-04',
      extensions: [
        {
          agreedAt: '2026-12-02T10:00:00Z',
          agreedBy: 'asha@school.example.org',
          fromDueDate: '2026-12-03',
          dueDate: '2026-12-04',
          dueAt: '2026-12-04T17:00:00Z',
          reason: 'Child A in hospital',
        },
      ],
      completedAt: new Date('2026-12-03T10:00:00Z'),
      outcome: 'escalated',
      workingDaysTaken: 3,
    });
    await db.insert(events).values([
      {
        caseId: id,
        seq: 1,
        type: 'case-raised',
        at: raisedAt,
        stage: 1,
        actor: 'asha@school.example.org',
        verified: true,
        data: {
          policy: 'nel',
          agency: 'Northside School',
          category: 'threshold',
          raisedBy: 'asha@school.example.org',
          startStage: 1,
        },
      },
      {
        caseId: id,
        seq: 2,
        type: 'noted',
        at: raisedAt,
        stage: 1,
        actor: 'admin key',
        verified: true,
        data: { note: 'Child A was seen today' },
      },
      {
        caseId: id,
        seq: 3,
        type: 'participant-added',
        at: raisedAt,
        stage: 1,
        actor: 'asha@school.example.org',
        verified: false,
        data: {
          email: 'cara@health.example.org',
          name: 'Cara Jones',
          role: 'added',
          roleTitle: 'Named Nurse',
          addedBy: 'asha@school.example.org',
          side: 'raising',
        },
      },
      {
        caseId: id,
        seq: 4,
        type: 'escalated',
        at: raisedAt,
        stage: 1,
        actor: 'scheduler',
        verified: true,
        data: { to: 2, reason: 'No reply about Child A', by: 'participant' },
      },
    ]);
    await db.insert(notices).values({
      caseId: id,
      key: 'ack',
      kind: 'acknowledgement',
      stage: 1,
      recipients: ['case.participants', 'address:cara@health.example.org'],
      data: { text: 'About Child A' },
    });
    const [message] = await db
      .insert(messages)
      .values({
        direction: 'inbound',
        messageId: `${ref}@example.org`,
        sha256: ref,
        raw: Buffer.from('Subject: Child A\r\n\r\nAbout Child A'),
        caseId: id,
        fromAddress: 'asha@school.example.org',
        envelope: {
          via: 'smtp',
          mailFrom: 'asha@school.example.org',
          rcptTo: ['nel@esc.example.org'],
          remoteAddress: '127.0.0.1',
          helo: 'school.example.org',
        },
        kind: 'escalation',
        status: 'processed',
      })
      .returning({ id: messages.id });
    await db.insert(attachments).values({
      messageId: message!.id,
      filename: 'child-a-chronology.pdf',
      contentType: 'application/pdf',
      size: 3,
      sha256: 'x',
      content: Buffer.from('pdf'),
    });
    await db.insert(outbox).values({
      messageId: message!.id,
      caseId: id,
      mailFrom: 'nel@esc.example.org',
      recipients: ['asha@school.example.org'],
    });
    return id;
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    caseId = await seedCase('NEL-2026-0001');
    otherCaseId = await seedCase('NEL-2026-0002');
    await database.db.transaction((tx) => erasure.erase(tx, caseId, MARKER));
  }, 180_000);

  afterAll(() => database.destroy());

  it('replaces the case name, free text and outcome, and keeps the skeleton', async () => {
    const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toEqual(
      expect.objectContaining({
        caseName: MARKER,
        disagreement: MARKER,
        outcomeSought: MARKER,
        attemptsSoFar: MARKER,
        closingText: MARKER,
        outstanding: [MARKER],
        forms: {
          'recording-template': {
            summary: { value: MARKER, by: MARKER, at: '2026-12-02T10:00:00Z' },
          },
        },
        // the skeleton
        ref: 'NEL-2026-0001',
        policyId: 'nel',
        status: 'resolved',
        category: 'threshold',
        agency: 'Northside School',
        raisedAt,
        currentStage: 2,
        version: 5,
      }),
    );
    expect(row!.erasedAt).toBeInstanceOf(Date);
  });

  it("replaces participants' names and addresses, keeping their roles and agencies", async () => {
    const rows = await database.db
      .select()
      .from(participants)
      .where(eq(participants.caseId, caseId))
      .orderBy(participants.position);
    expect(rows.map((p) => [p.email, p.name, p.role, p.agency])).toEqual([
      [`${MARKER} #1`, MARKER, 'raiser', 'Northside School'],
      [`${MARKER} #2`, null, 'other-practitioner', "Children's Social Care"],
    ]);
  });

  it('redacts the free text and addresses of events, keeping types, dates and categories', async () => {
    const rows = await database.db
      .select()
      .from(events)
      .where(eq(events.caseId, caseId))
      .orderBy(events.seq);
    expect(rows.map((e) => [e.seq, e.type, e.actor, e.verified, e.at, e.data])).toEqual([
      [
        1,
        'case-raised',
        MARKER,
        true,
        raisedAt,
        {
          policy: 'nel',
          agency: 'Northside School',
          category: 'threshold',
          raisedBy: MARKER,
          startStage: 1,
        },
      ],
      [2, 'noted', 'admin key', true, raisedAt, { note: MARKER }],
      [
        3,
        'participant-added',
        MARKER,
        false,
        raisedAt,
        {
          email: MARKER,
          name: MARKER,
          role: 'added',
          roleTitle: 'Named Nurse',
          addedBy: MARKER,
          side: 'raising',
        },
      ],
      [4, 'escalated', 'scheduler', true, raisedAt, { to: 2, reason: MARKER, by: 'participant' }],
    ]);
  });

  it('redacts stages, notices, raw messages, attachments and the outbox', async () => {
    const [stage] = await database.db.select().from(stages).where(eq(stages.caseId, caseId));
    expect(stage!.extensions).toEqual([
      {
        agreedAt: '2026-12-02T10:00:00Z',
        agreedBy: MARKER,
        fromDueDate: '2026-12-03',
        dueDate: '2026-12-04',
        dueAt: '2026-12-04T17:00:00Z',
        reason: MARKER,
      },
    ]);
    expect(stage!.workingDaysTaken).toBe(3);
    const [notice] = await database.db.select().from(notices).where(eq(notices.caseId, caseId));
    expect([notice!.recipients, notice!.data]).toEqual([
      ['case.participants', MARKER],
      { text: MARKER },
    ]);
    const [message] = await database.db.select().from(messages).where(eq(messages.caseId, caseId));
    expect([message!.raw.toString('utf8'), message!.fromAddress, message!.envelope]).toEqual([
      MARKER,
      MARKER,
      { via: 'smtp', mailFrom: MARKER, rcptTo: [MARKER], remoteAddress: MARKER, helo: MARKER },
    ]);
    const [attachment] = await database.db
      .select()
      .from(attachments)
      .where(eq(attachments.messageId, message!.id));
    expect([attachment!.filename, attachment!.content, attachment!.size]).toEqual([
      MARKER,
      null,
      3,
    ]);
    const [queued] = await database.db.select().from(outbox).where(eq(outbox.caseId, caseId));
    expect(queued!.recipients).toEqual([MARKER]);
  });

  it('leaves every other case as it was', async () => {
    const [row] = await database.db.select().from(cases).where(eq(cases.id, otherCaseId));
    expect([row!.caseName, row!.erasedAt]).toEqual(['Child A, NHS 943 476 5919', null]);
    const rows = await database.db.select().from(events).where(eq(events.caseId, otherCaseId));
    expect(rows.map((e) => e.actor)).toContain('asha@school.example.org');
  });

  it('still refuses any other update of the audit trail after it, on the erased case and others', async () => {
    for (const id of [caseId, otherCaseId])
      expect(
        await refusal(() =>
          database.db.update(events).set({ actor: 'someone else' }).where(eq(events.caseId, id)),
        ),
      ).toMatch(/events are append-only: UPDATE/);
    expect(
      await refusal(() => database.db.delete(events).where(eq(events.caseId, caseId))),
    ).toMatch(/events are append-only: DELETE/);
  });

  it('refuses an update that only looks like an erasure: a forged setting, a different change', async () => {
    const attempt = () =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('escalations.erasing_case', ${otherCaseId}, true)`);
        await tx.execute(sql`select set_config('escalations.erasure_marker', ${MARKER}, true)`);
        await tx
          .update(events)
          .set({ data: { note: 'rewritten' } })
          .where(eq(events.caseId, otherCaseId));
      });
    expect(await refusal(attempt)).toMatch(/events are append-only: UPDATE/);
    const rows = await database.db.select().from(events).where(eq(events.caseId, otherCaseId));
    expect(rows.find((e) => e.seq === 2)!.data).toEqual({ note: 'Child A was seen today' });
  });

  it('refuses to erase a case twice, changing nothing', async () => {
    expect(
      await refusal(() =>
        database.db.transaction((tx) => erasure.erase(tx, caseId, '[erased 2034-01-01]')),
      ),
    ).toMatch(/already erased/);
    const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row!.caseName).toBe(MARKER);
  });

  it('lists the closed cases past a cut-off not yet erased', async () => {
    const due = await erasure.dueForErasure(
      database.db,
      'nel',
      new Date('2033-01-01T00:00:00Z'),
      10,
    );
    expect(due.map((c) => c.ref)).toEqual(['NEL-2026-0002']);
    expect(
      await erasure.dueForErasure(database.db, 'nel', new Date('2026-12-01T00:00:00Z'), 10),
    ).toEqual([]);
  });
});
