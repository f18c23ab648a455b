import { accessLog } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { desc } from 'drizzle-orm';
import request from 'supertest';
import { ApiKeyService } from '../auth/api-key.service';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/*
 * Issue 11, item 5, through the API. A case closed by an administrator's RESOLVED sends each
 * participant one learning-request of its own, queued in the outbox and listed among the
 * case's messages with its from, to, subject and kind (item 7); POST /cases/:ref/actions takes
 * `learning` as the reply LEARNING, for the agency it names.
 */

const ASHA = 'asha.patel@riverside.example.org';
const DAN = 'dan.reed@riverside.example.org';
const SAM = 'sam.cole@cs.example.gov.uk';

interface ListedMessage {
  direction: string;
  kind: string | null;
  noticeKind: string | null;
  from: string | null;
  to: string[];
  subject: string | null;
}

describe.each(testEngines())('learning through the API on %s', (engine) => {
  let api: ApiHarness;
  let ref: string;
  let otherPartnership: string;

  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const act = (body: object, key = api.adminKey) =>
    request(api.server).post(`/api/v1/cases/${ref}/actions`).set(as(key)).send(body);

  beforeAll(async () => {
    api = await startApiHarness(engine);
    otherPartnership = (
      await api.app.get(ApiKeyService).create('admin', 'kirklees admin', ['kirklees'])
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
        manager: { name: 'Dan Reed', email: DAN },
        otherPractitioner: { name: 'Sam Cole', email: SAM },
      })
      .expect(201);
    ref = (opened.body as { ref: string }).ref;
    await act({ action: 'resolve', text: 'A strategy discussion will be held' }).expect(200);
  }, 60_000);
  afterAll(() => api.close());

  it('after RESOLVED each participant has one learning-request of their own, listed with from, to, subject and kind', async () => {
    const listed = (
      await request(api.server)
        .get(`/api/v1/cases/${ref}/messages`)
        .set(as(api.auditorKey))
        .expect(200)
    ).body as ListedMessage[];
    const requests = listed.filter((message) => message.noticeKind === 'learning-request');
    expect(requests.map((message) => message.to)).toEqual([[ASHA], [DAN], [SAM]]);
    for (const message of requests) {
      expect(message).toMatchObject({
        direction: 'outbound',
        kind: 'notice',
        from: expect.stringMatching(/^nel@/),
        subject: expect.stringContaining(`[${ref}] Learning and debrief`),
      });
    }
    // the closing confirmation went to all three at once, and says the request follows
    const confirmations = listed.filter((message) => message.noticeKind === 'confirmation');
    expect(confirmations.at(-1)).toMatchObject({
      to: [ASHA, DAN, SAM],
      subject: expect.stringContaining(`[${ref}] Resolved`),
    });
    // the acknowledgement of the raise: every message has its kind, from and subject
    expect(listed.every((message) => message.from && message.subject && message.kind)).toBe(true);
    const [logged] = await api.database.db
      .select()
      .from(accessLog)
      .orderBy(desc(accessLog.id))
      .limit(1);
    expect(logged).toMatchObject({ path: `/api/v1/cases/${ref}/messages`, caseRefs: [ref] });
  });

  it('takes LEARNING as an action, for the agency it names, recorded as the administrator', async () => {
    await act({
      action: 'learning',
      text: 'Share the strategy notes the same day',
      agency: "Children's Services",
    }).expect(200);
    const events = (
      await request(api.server).get(`/api/v1/cases/${ref}/events`).set(as(api.auditorKey))
    ).body as { type: string; actor: string; data: Record<string, unknown> }[];
    expect(events.filter((event) => event.type === 'learning-recorded')).toEqual([
      expect.objectContaining({
        actor: 'api-key:test admin',
        data: {
          learning: 'Share the strategy notes the same day',
          category: 'other',
          agency: "Children's Services",
        },
      }),
    ]);
    const learning = await request(api.server)
      .get('/api/v1/reports/learning?policy=nel')
      .set(as(api.auditorKey))
      .expect(200);
    expect(learning.body.byAgency).toEqual([
      expect.objectContaining({ agency: "Children's Services", count: 1 }),
    ]);
  });

  it('refuses a bad body naming the field, an auditor, and a key of another partnership', async () => {
    for (const [body, field] of [
      [{ action: 'learning' }, 'text'],
      [{ action: 'learning', text: '  ' }, 'text'],
      [{ action: 'learning', text: 'x', agency: '' }, 'agency'],
    ] as const) {
      const refused = await act(body).expect(400);
      expect(refused.body.error.details).toEqual([expect.objectContaining({ field })]);
    }
    await act({ action: 'learning', text: 'x' }, api.auditorKey).expect(403);
    const other = await act({ action: 'learning', text: 'x' }, otherPartnership).expect(404);
    expect(other.body.error.message).toContain(ref);
    const events = (
      await request(api.server).get(`/api/v1/cases/${ref}/events`).set(as(api.adminKey))
    ).body as { type: string }[];
    expect(events.filter((event) => event.type === 'learning-recorded')).toHaveLength(1);
  });
});
