import request from 'supertest';
import { messages, outbox } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { eq, isNull } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/**
 * Issue 12, item 2: the england-and-wales calendar ends on 2030-12-31. A case raised late in
 * 2030 is raised; its stages past the end carry the year to add instead of a date; the weekly
 * digest tells the partnership contacts from 12 months before the end.
 */
describe.each(testEngines())('calendars that run out, on %s', (engine) => {
  let api: ApiHarness;
  beforeAll(async () => {
    // Fri 20 Dec 2030 10:00 GMT
    api = await startApiHarness(engine, new Date('2030-12-20T10:00:00Z'));
  }, 60_000);
  afterAll(() => api.close());

  const form = {
    policy: 'nel',
    caseName: 'Child D',
    agency: 'Grange Primary School',
    otherAgency: "Children's Services",
    disagreement: 'Referral closed without an assessment',
    raisedBy: { name: 'Asha Patel', email: 'asha.patel@school.example.org' },
  };

  it('raises a case on 2030-12-20 whose later dates fall in 2031, and escalates into them', async () => {
    const opened = await request(api.server)
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .send(form)
      .expect(201);
    expect(opened.body).toMatchObject({
      overallDueDate: null,
      stages: [{ number: 1, dueDate: '2030-12-23' }],
    });
    api.clock.now = new Date('2030-12-23T11:00:00Z');
    const escalated = await request(api.server)
      .post(`/api/v1/cases/${opened.body.ref as string}/actions`)
      .set('Authorization', `Bearer ${api.adminKey}`)
      .send({ action: 'escalate', text: 'No agreement on the threshold' })
      .expect(200);
    expect(escalated.body.stages[1]).toMatchObject({
      number: 2,
      dueDate: null,
      beyondCalendar: { calendar: 'england-and-wales', year: 2031 },
    });
    // and so it is stored
    const stored = await request(api.server)
      .get(`/api/v1/cases/${opened.body.ref as string}`)
      .set('Authorization', `Bearer ${api.adminKey}`)
      .expect(200);
    expect(stored.body.stages[1].beyondCalendar).toEqual({
      calendar: 'england-and-wales',
      year: 2031,
    });
    expect(stored.body.stages[0].beyondCalendar).toBeUndefined();
  });

  it('previews the stages inside the calendar with dates and those beyond with the year to add', async () => {
    const preview = await request(api.server)
      .post('/api/v1/policies/nel/preview')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .send({ raisedAt: '2030-12-20T10:00' })
      .expect(200);
    const stages = preview.body as { dueDate: string | null; beyondCalendar?: string }[];
    expect(stages.map((s) => s.dueDate)).toEqual(['2030-12-23', null, null, null, null]);
    expect(stages[1]!.beyondCalendar).toBe(
      "beyond the england-and-wales calendar: add 2031's holidays",
    );
  });

  it('tells the partnership contacts in the weekly digest from 12 months before the end', async () => {
    api.clock.now = new Date('2030-01-07T09:00:00Z'); // Monday 09:00 GMT
    await request(api.server)
      .post('/api/v1/scheduler/run')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .expect(200);
    const rows = await api.database.db
      .select({ raw: messages.raw, recipients: outbox.recipients })
      .from(outbox)
      .innerJoin(messages, eq(messages.id, outbox.messageId))
      .where(isNull(outbox.caseId));
    const nel = rows.find((r) => r.recipients.some((address) => address.startsWith('nel-')));
    const text = ((await simpleParser(nel!.raw)).text ?? '').replace(/\s+/g, ' ');
    expect(text).toContain(
      "The england-and-wales calendar this partnership's working days are counted in ends on Tuesday 31 December 2030 (2030-12-31).",
    );
  });
});
