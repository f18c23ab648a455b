import {
  CaseRepository,
  EventRepository,
  messages,
  notices,
  outbox,
  type Executor,
} from '@escalations/db';
import { verifyReplyAddress } from '@escalations/email';
import { simpleParser } from 'mailparser';
import { createTestDatabase, testEngines, type TestDatabase } from '@escalations/db/testing';
import type { Actor } from '@escalations/domain';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { eq } from 'drizzle-orm';
import { Casework, type CaseworkResult, type OpenCaseInput } from './casework';
import { nelCase, TEST_MAIL_DOMAIN, TEST_REPLY_SECRET, testMailSettings } from './testing';

const library = readPolicyLibrary(defaultPoliciesDir(__dirname));
const practitioner: Actor = {
  kind: 'participant',
  id: 'asha.patel@school.example.org',
  verified: true,
};
const scheduler: Actor = { kind: 'scheduler', id: 'scheduler', verified: true };

const form = (overrides: Partial<OpenCaseInput> = {}): OpenCaseInput =>
  nelCase(new Date('2026-12-23T10:00:00Z'), overrides);

function ok(result: CaseworkResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
  return result;
}

describe.each(testEngines())('casework on %s', (engine) => {
  let database: TestDatabase;
  let now: Date;
  let casework: Casework;
  const load = (executor: Executor, ref: string) => new CaseRepository().findByRef(executor, ref);

  beforeAll(async () => {
    database = await createTestDatabase(engine, { poolSize: 10 });
  }, 60_000);
  afterAll(() => database.destroy());
  beforeEach(() => {
    now = new Date('2026-12-23T10:00:05Z');
    casework = new Casework({
      database: database.db,
      library,
      clock: () => now,
      mail: testMailSettings(),
    });
  });

  it('opens a case with the next reference of its policy and year, and stores what the domain decided', async () => {
    const opened = ok(await casework.open(form(), practitioner));
    expect(opened.ref).toMatch(/^NEL-2026-\d{4}$/);
    const stored = await load(database.db, opened.ref);
    expect(stored?.state).toEqual(opened.state);
    expect(opened.noticeKeys).toHaveLength(1);
    const events = await new EventRepository().listForCase(database.db, opened.caseId);
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'case-raised'],
      [2, 'participant-added'],
      [3, 'participant-added'],
      [4, 'stage-entered'],
    ]);
  });

  it('numbers an imported escalation in the year it was raised, with its deadlines as they were', async () => {
    const opened = ok(
      await casework.open(
        form({ raisedAt: new Date('2025-03-03T09:00:00Z'), imported: true }),
        practitioner,
      ),
    );
    expect(opened.ref).toMatch(/^NEL-2025-\d{4}$/);
    expect(opened.state.stages[0]).toMatchObject({ dueDate: '2025-03-04' });
  });

  it('leaves no trace of a refused raise, not even a used reference', async () => {
    const before = ok(await casework.open(form(), practitioner)).ref;
    const refused = await casework.open(form({ startStage: 4 }), practitioner);
    expect(refused).toMatchObject({ ok: false, refusal: { code: 'bad-start-stage' } });
    const after = ok(await casework.open(form(), practitioner)).ref;
    expect(Number(after.slice(-4))).toBe(Number(before.slice(-4)) + 1);
  });

  it('applies commands in order, numbering events on and persisting every change', async () => {
    const { ref, caseId } = ok(await casework.open(form(), practitioner));
    now = new Date('2026-12-24T09:00:00Z');
    ok(
      await casework.apply(
        ref,
        { kind: 'extend', workingDays: 1, reason: 'GP report due' },
        practitioner,
      ),
    );
    ok(
      await casework.apply(
        ref,
        {
          kind: 'escalate',
          reason: 'No agreement',
          nextContacts: [{ email: 'jo.lee@council.example.gov.uk' }],
        },
        practitioner,
      ),
    );
    const stored = (await load(database.db, ref))!.state;
    expect(stored.version).toBe(3);
    expect(stored.stages.map((s) => [s.number, s.dueDate, s.outcome])).toEqual([
      [1, '2026-12-29', 'escalated'],
      [2, '2027-01-06', null],
    ]);
    expect(stored.stages[0]!.extensions).toHaveLength(1);
    expect(stored.participants.map((p) => p.email)).toEqual([
      'asha.patel@school.example.org',
      'sam.cole@council.example.gov.uk',
      'jo.lee@council.example.gov.uk',
    ]);
    const seqs = (await new EventRepository().listForCase(database.db, caseId)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('writes each scheduler notice once, however often it is asked', async () => {
    const { ref, caseId } = ok(await casework.open(form(), practitioner));
    now = new Date('2026-12-24T17:30:00Z');
    const first = ok(await casework.apply(ref, { kind: 'breach', stage: 1 }, scheduler));
    expect(first.noticeKeys).toContain('breach:1:2026-12-24');
    expect(await casework.apply(ref, { kind: 'breach', stage: 1 }, scheduler)).toMatchObject({
      ok: false,
      refusal: { code: 'already-done' },
    });
    const rows = await database.db.select().from(notices).where(eq(notices.caseId, caseId));
    expect(rows.filter((n) => n.kind === 'breach')).toHaveLength(1);
  });

  it('queues the mail each notice calls for, in the same transaction, addressed and threaded', async () => {
    const { ref, caseId } = ok(await casework.open(form({ risk: 'immediate' }), practitioner));
    const queued = await database.db
      .select({
        raw: messages.raw,
        recipients: outbox.recipients,
        status: outbox.status,
        messageId: messages.messageId,
      })
      .from(outbox)
      .innerJoin(messages, eq(messages.id, outbox.messageId))
      .where(eq(outbox.caseId, caseId));
    expect(queued).toHaveLength(1);
    expect(queued[0]!.recipients).toEqual([
      'asha.patel@school.example.org',
      'sam.cole@council.example.gov.uk',
    ]);
    const mail = await simpleParser(queued[0]!.raw);
    expect(mail.subject).toBe(
      `[${ref}] Escalation received: stage 1 of ${library.policies.get('nel')!.shortTitle}`,
    );
    expect(mail.subject).not.toContain('Child A');
    expect(mail.text).toContain('Case: Child A');
    expect(mail.text).toContain('IMMEDIATE RISK');
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    const replyTo = mail.replyTo!.value[0]!.address!;
    expect(verifyReplyAddress(TEST_REPLY_SECRET, TEST_MAIL_DOMAIN, replyTo)).toEqual({
      policyId: 'nel',
      ref,
    });
    expect(mail.references).toBe(`<case.${ref.toLowerCase()}@${TEST_MAIL_DOMAIN}>`);
    expect(mail.messageId).toBe(`<${queued[0]!.messageId}>`);
  });

  it('sends a breach notice to the people on the stage and to the partnership contact', async () => {
    const { ref, caseId } = ok(await casework.open(form(), practitioner));
    now = new Date('2026-12-24T17:30:00Z');
    ok(await casework.apply(ref, { kind: 'breach', stage: 1 }, scheduler));
    const rows = await database.db
      .select({ recipients: outbox.recipients })
      .from(outbox)
      .where(eq(outbox.caseId, caseId));
    // The acknowledgement, then the breach notice: NEL's contact is its business manager, a
    // role this deployment has not mapped, so it goes to the role's own mailbox.
    expect(rows.map((r) => r.recipients)).toEqual([
      ['asha.patel@school.example.org', 'sam.cole@council.example.gov.uk'],
      [
        'asha.patel@school.example.org',
        'sam.cole@council.example.gov.uk',
        `nel-business-manager@${TEST_MAIL_DOMAIN}`,
      ],
    ]);
  });

  it('refuses a command on an unknown case', async () => {
    expect(
      await casework.apply('NEL-2026-9999', { kind: 'note', note: 'x' }, practitioner),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'no-case' },
    });
  });

  it('gives concurrent raises distinct references', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => casework.open(form({ policyId: 'kirklees' }), practitioner)),
    );
    const refs = results.map((r) => ok(r).ref);
    expect(new Set(refs).size).toBe(12);
    expect(refs.every((ref) => /^KSCP-2026-\d{4}$/.test(ref))).toBe(true);
  });

  it("applies two commands sent at once one after the other, the second to the first one's result", async () => {
    const { ref, caseId } = ok(await casework.open(form(), practitioner));
    now = new Date('2026-12-23T11:00:00Z');
    const [escalated, resolved] = await Promise.all([
      casework.apply(ref, { kind: 'escalate', reason: 'No agreement' }, practitioner),
      casework.apply(ref, { kind: 'resolve', outcome: 'Agreed after all' }, practitioner),
    ]);
    const stored = (await load(database.db, ref))!.state;
    expect(stored.status).toBe('resolved');
    if (escalated.ok) {
      // escalate went first: the resolution applied at stage 2
      expect(resolved.ok).toBe(true);
      expect(stored.stages.map((s) => s.outcome)).toEqual(['escalated', 'resolved']);
      expect(stored.version).toBe(3);
    } else {
      // resolve went first: the escalation met a closed case and was refused with a reason
      expect(escalated.refusal.code).toBe('case-closed');
      expect(stored.stages.map((s) => s.outcome)).toEqual(['resolved']);
      expect(stored.version).toBe(2);
    }
    const seqs = (await new EventRepository().listForCase(database.db, caseId)).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });
});
