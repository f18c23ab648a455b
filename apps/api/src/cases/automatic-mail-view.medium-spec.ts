import { createHash } from 'node:crypto';
import { accessLog, cases, messages, participants } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { and, desc, eq } from 'drizzle-orm';
import request from 'supertest';
import { ApiKeyService } from '../auth/api-key.service';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/*
 * Issue 11, item 7: "automatic mail (out-of-office, bounces) and a participant's failing
 * address show on the case". The mail processor keeps such mail with its case (tested over
 * SMTP in apps/mail); here the case view and the chronology show it, logged as a read of the
 * case, and a key of another partnership sees none of it.
 */

const ASHA = 'asha.patel@riverside.example.org';
const SAM = 'sam.cole@cs.example.gov.uk';

describe.each(testEngines())('automatic mail in the case view on %s', (engine) => {
  let api: ApiHarness;
  let ref: string;
  let otherPartnership: string;
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });

  beforeAll(async () => {
    api = await startApiHarness(engine);
    otherPartnership = (
      await api.app.get(ApiKeyService).create('auditor', 'kirklees auditor', ['kirklees'])
    ).key;
    const opened = await request(api.server)
      .post('/api/v1/cases')
      .set(as(api.adminKey))
      .send({
        policy: 'nel',
        caseName: 'Child A',
        agency: 'Riverside Primary School',
        otherAgency: "Children's Services",
        disagreement: 'Whether the referral meets the threshold',
        raisedBy: { name: 'Asha Patel', email: ASHA },
        otherPractitioner: { name: 'Sam Cole', email: SAM },
      })
      .expect(201);
    ref = (opened.body as { ref: string }).ref;
    const db = api.database.db;
    const [row] = await db.select({ id: cases.id }).from(cases).where(eq(cases.ref, ref));
    const raw = Buffer.from(
      [
        `From: Sam Cole <${SAM}>`,
        'To: nel@escalations.localhost',
        `Subject: Automatic reply: [${ref}] Escalation received`,
        'Auto-Submitted: auto-replied',
        'Message-ID: <ooo@cs.example.gov.uk>',
        '',
        'I am away until Monday.',
        '',
      ].join('\r\n'),
    );
    await db.insert(messages).values({
      direction: 'inbound',
      messageId: 'ooo@cs.example.gov.uk',
      sha256: createHash('sha256').update(raw).digest('hex'),
      raw,
      caseId: row!.id,
      fromAddress: SAM,
      kind: 'automatic',
      status: 'processed',
      receivedAt: new Date('2026-11-24T10:00:00Z'),
    });
    await db
      .update(participants)
      .set({ failingSince: new Date('2026-11-24T11:00:00Z') })
      .where(and(eq(participants.caseId, row!.id), eq(participants.email, SAM)));
  }, 60_000);
  afterAll(() => api.close());

  it('shows the out-of-office and the failing address on the case, and in its chronology', async () => {
    const shown = await request(api.server)
      .get(`/api/v1/cases/${ref}`)
      .set(as(api.auditorKey))
      .expect(200);
    expect(shown.body.automaticMail).toEqual([
      {
        id: expect.any(String),
        at: '2026-11-24T10:00:00.000Z',
        kind: 'auto-reply',
        reason: expect.any(String),
        from: SAM,
        subject: `Automatic reply: [${ref}] Escalation received`,
        failedRecipients: [],
      },
    ]);
    expect(shown.body.failingAddresses).toEqual([
      { email: SAM, name: 'Sam Cole', failingSince: '2026-11-24T11:00:00.000Z' },
    ]);
    const [logged] = await api.database.db
      .select()
      .from(accessLog)
      .orderBy(desc(accessLog.id))
      .limit(1);
    expect(logged).toMatchObject({ path: `/api/v1/cases/${ref}`, caseRefs: [ref], status: 200 });

    const chronology = await request(api.server)
      .get(`/api/v1/cases/${ref}/chronology`)
      .set(as(api.auditorKey))
      .expect(200);
    expect(JSON.stringify(chronology.body)).toContain('Message in (automatic: auto-reply)');
  });

  it('shows a key of another partnership none of it', async () => {
    const refused = await request(api.server)
      .get(`/api/v1/cases/${ref}`)
      .set(as(otherPartnership))
      .expect(404);
    expect(JSON.stringify(refused.body)).not.toContain(SAM);
  });
});
