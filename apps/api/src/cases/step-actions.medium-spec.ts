import { messages, outbox } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { eq, isNull } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/*
 * Issue 11, item 6, through the API. NEL stage 5: "The Chair will make a recommendation of
 * the most appropriate way to proceed within 5 days of the notification", a timed step due
 * five working days after the stage began. An administrator may record the Chair's
 * recommendation on their behalf (`recommend`, with why), through the same path as the reply
 * RECOMMEND, so everyone on the case is told; a REASON after the step was missed is the
 * rationale for it, shown on the case, in the chronology and in the timeliness report; a
 * missed step counts as a breach in the CSV and the reports, labelled as the step.
 *
 * Raised and escalated to stage 5 on Mon 1 Jun 2026 10:00 BST: D0 that day, the step due Mon 8 Jun
 * (17:00 BST, 16:00Z), the stage due Mon 22 Jun.
 */

const ASHA = 'asha.patel@riverside.example.org';
const SAM = 'sam.cole@cs.example.gov.uk';
const STEP = "stage 5: The Chair's recommendation of the most appropriate way to proceed";

interface ErrorBody {
  error: { code: string; message: string; details?: { field: string }[] };
}
interface StepView {
  id: string;
  breachedAt: string | null;
  completedAt: string | null;
  endedBy: string | null;
  rationale?: { text: string };
}
interface CaseView {
  stages: { number: number; steps: StepView[] }[];
}

describe.each(testEngines())('timed steps through the API on %s', (engine) => {
  let api: ApiHarness;
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const act = (ref: string, body: object) =>
    request(api.server).post(`/api/v1/cases/${ref}/actions`).set(as(api.adminKey)).send(body);
  const view = async (ref: string) =>
    (await request(api.server).get(`/api/v1/cases/${ref}`).set(as(api.auditorKey)).expect(200))
      .body as CaseView;

  async function openAtStage5(caseName: string): Promise<string> {
    api.clock.now = new Date('2026-06-01T09:00:00Z');
    const opened = await request(api.server)
      .post('/api/v1/cases')
      .set(as(api.adminKey))
      .send({
        policy: 'nel',
        caseName,
        agency: 'Riverside Primary School',
        otherAgency: "Children's Services",
        disagreement: 'Whether the referral meets the threshold',
        raisedBy: { name: 'Asha Patel', email: ASHA },
        otherPractitioner: { name: 'Sam Cole', email: SAM },
      })
      .expect(201);
    const ref = (opened.body as { ref: string }).ref;
    // NEL starts every disagreement at stage 1: escalated the same morning, stage by stage
    for (let stage = 1; stage < 5; stage++)
      await act(ref, { action: 'escalate', text: 'Still no agreement' }).expect(200);
    return ref;
  }

  beforeAll(async () => {
    api = await startApiHarness(engine);
  }, 60_000);
  afterAll(() => api.close());

  it("recommend records the Chair's recommendation on their behalf, and everyone is told", async () => {
    const ref = await openAtStage5('Child A');
    api.clock.now = new Date('2026-06-03T10:00:00Z');
    const missing = await act(ref, { action: 'recommend', text: 'A resolution panel' });
    expect(missing.status).toBe(400);
    expect((missing.body as ErrorBody).error.details!.map((d) => d.field)).toEqual(['reason']);
    const done = await act(ref, {
      action: 'recommend',
      text: 'Convene a resolution panel with both heads of service',
      reason: 'The Chair gave it by phone',
    }).expect(200);
    expect((done.body as CaseView).stages.at(-1)!.steps[0]).toMatchObject({
      id: 'chair-recommendation',
      completedAt: '2026-06-03T10:00:00.000Z',
      endedBy: 'reply',
    });
    const events = (
      await request(api.server).get(`/api/v1/cases/${ref}/events`).set(as(api.auditorKey))
    ).body as { type: string; actor: string; data: Record<string, unknown> }[];
    expect(events.find((e) => e.type === 'step-done')).toMatchObject({
      actor: 'api-key:test admin',
      data: {
        text: 'Convene a resolution panel with both heads of service',
        recordedFor: 'The Chair gave it by phone',
        late: false,
      },
    });
    const messages = (
      await request(api.server).get(`/api/v1/cases/${ref}/messages`).set(as(api.auditorKey))
    ).body as { noticeKind: string | null; to: string[]; subject: string | null }[];
    expect(messages.filter((m) => m.subject?.includes('Recommendation recorded'))).toEqual([
      expect.objectContaining({ noticeKind: 'confirmation', to: [ASHA, SAM] }),
    ]);
    // done once: a second is refused
    expect((await act(ref, { action: 'recommend', text: 'Again', reason: 'Twice' })).status).toBe(
      409,
    );
  });

  it('a REASON after the missed step is its rationale: on the case, in the chronology, the timeliness report and the CSV', async () => {
    const ref = await openAtStage5('Child B');
    api.clock.now = new Date('2026-06-08T16:00:01Z');
    const swept = await request(api.server)
      .post('/api/v1/scheduler/run')
      .set(as(api.adminKey))
      .expect(200);
    expect(swept.body).toMatchObject({
      stepBreaches: [`${ref} stage 5 chair-recommendation`],
    });
    api.clock.now = new Date('2026-06-09T10:00:00Z');
    await act(ref, { action: 'reason', text: 'The Chair was on leave that week' }).expect(200);
    expect((await view(ref)).stages.at(-1)!.steps[0]).toMatchObject({
      breachedAt: '2026-06-08T16:00:00.000Z',
      rationale: { text: 'The Chair was on leave that week' },
    });
    const chronology = (
      await request(api.server)
        .get(`/api/v1/cases/${ref}/chronology`)
        .set(as(api.auditorKey))
        .expect(200)
    ).body as { entries: { what: string }[] };
    expect(chronology.entries.map((e) => e.what)).toContain(
      "Rationale for the missed deadline of The Chair's recommendation of the most appropriate way to proceed, 2026-06-08: The Chair was on leave that week",
    );
    const timeliness = (
      await request(api.server)
        .get('/api/v1/reports/timeliness?policy=nel&from=2026-06-01&to=2026-06-30')
        .set(as(api.auditorKey))
        .expect(200)
    ).body as { missedTimescales: Record<string, unknown>[] };
    expect(timeliness.missedTimescales.filter((m) => m['ref'] === ref)).toEqual([
      {
        ref,
        stage: 5,
        step: 'chair-recommendation',
        label: STEP,
        dueDate: '2026-06-08',
        breachedAt: '2026-06-08T16:00:00.000Z',
        rationale: expect.objectContaining({ text: 'The Chair was on leave that week' }),
      },
    ]);
    const csv = await request(api.server)
      .get('/api/v1/cases.csv?policy=nel')
      .set(as(api.auditorKey))
      .expect(200);
    const [header, ...rows] = csv.text.trim().split(/\r?\n/);
    const column = header!.split(',').indexOf('breaches');
    const row = rows.find((line) => line.startsWith(`${ref},`) || line.includes(`,${ref},`))!;
    expect(row.split(',')[column]).toBe('1');
  });

  it("the weekly digest names the open case's missed step", async () => {
    // Mon 15 Jun 2026 09:00 BST: the digest of the open cases, Child B's step missed on 8 Jun
    api.clock.now = new Date('2026-06-15T08:00:00Z');
    const swept = await request(api.server)
      .post('/api/v1/scheduler/run')
      .set(as(api.adminKey))
      .expect(200);
    expect(swept.body).toMatchObject({ digests: expect.arrayContaining(['nel']) });
    const rows = await api.database.db
      .select({ raw: messages.raw })
      .from(outbox)
      .innerJoin(messages, eq(messages.id, outbox.messageId))
      .where(isNull(outbox.caseId));
    const bodies = await Promise.all(rows.map(async (row) => (await simpleParser(row.raw)).text));
    const digest = bodies.find((text) => text?.includes('NEL-'))!;
    expect(digest).toContain('1 timed step missed');
    expect(digest).toContain(`missed ${STEP}, due 2026-06-08`);
  });
});
