import request from 'supertest';
import { messages, outbox } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/**
 * Issue 12, item 5: POST /cases takes a `calendar` among the policy's (islands: guernsey or
 * alderney), the case counts in it, and every notice with a due date names it. Liberation Day,
 * Fri 9 May 2025, is Guernsey's holiday, not Alderney's: islands stage 1 ("within 1 working
 * day") raised Thu 8 May 10:00 BST is due Fri 9 May in Alderney, Mon 12 May in Guernsey.
 */
describe.each(testEngines())("a case's calendar through the API on %s", (engine) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(engine, new Date('2025-05-08T09:00:00Z'));
  }, 60_000);
  afterAll(() => api.close());

  const form = (extra: Record<string, unknown>) => ({
    policy: 'islands',
    caseName: 'Adult E',
    agency: 'Health and Social Care',
    otherAgency: 'Education',
    disagreement: 'Threshold for a strategy meeting',
    raisedBy: { name: 'Jo Le Page', email: 'jo@health.example.gg' },
    ...extra,
  });
  const post = (body: unknown) =>
    request(api.server)
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .send(body as object);

  async function acknowledgementOf(ref: string): Promise<string> {
    const rows = await api.database.db
      .select({ raw: messages.raw })
      .from(outbox)
      .innerJoin(messages, eq(messages.id, outbox.messageId));
    for (const row of rows) {
      const parsed = await simpleParser(row.raw);
      if ((parsed.subject ?? '').includes(ref)) return (parsed.text ?? '').replace(/\s+/g, ' ');
    }
    throw new Error(`no mail for ${ref}`);
  }

  it("counts an Alderney case in Alderney's calendar and names it in the acknowledgement", async () => {
    const opened = await post(form({ calendar: 'alderney' })).expect(201);
    expect(opened.body.stages[0]).toMatchObject({ dueDate: '2025-05-09' });
    expect(await acknowledgementOf(opened.body.ref as string)).toContain(
      'Working days are counted in the Alderney public holidays calendar.',
    );
  });

  it('counts in Guernsey by default', async () => {
    const opened = await post(form({})).expect(201);
    expect(opened.body.stages[0]).toMatchObject({ dueDate: '2025-05-12' });
    expect(await acknowledgementOf(opened.body.ref as string)).toContain(
      'Working days are counted in the Bailiwick of Guernsey public holidays (Guernsey, Herm, Jethou) calendar.',
    );
  });

  it('refuses a calendar the policy does not allow with a 400 naming those it does', async () => {
    const refused = await post(form({ calendar: 'scotland' })).expect(400);
    expect(refused.body.error).toMatchObject({
      code: 'unknown-calendar',
      message: '"scotland" is not a calendar of islands: guernsey, alderney',
    });
    await post({ ...form({ calendar: 'alderney' }), policy: 'nel' }).expect(400);
  });
});
