import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { messages, outbox } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { defaultPoliciesDir, importHolidayFile } from '@escalations/domain/files';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/**
 * Issue 12, "Done when": a case raised on 2030-12-20, whose 2031 stages are filled in after
 * importing a GOV.UK-format file that holds 2031. NEL counts "by working day K" from the raise
 * (Fri 20 Dec 2030 = day 1; 25, 26 Dec and 1 Jan are bank holidays): day 2 Mon 23 Dec, day 8
 * Fri 3 Jan 2031, day 22 (the whole process) Thu 23 Jan 2031.
 */
const EVENT = (title: string, date: string) => ({ title, date, notes: '', bunting: true });
const GOVUK_2031 = JSON.stringify({
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      EVENT('New Year’s Day', '2031-01-01'),
      EVENT('Good Friday', '2031-04-11'),
      EVENT('Easter Monday', '2031-04-14'),
      EVENT('Early May bank holiday', '2031-05-05'),
      EVENT('Spring bank holiday', '2031-05-26'),
      EVENT('Summer bank holiday', '2031-08-25'),
      EVENT('Christmas Day', '2031-12-25'),
      EVENT('Boxing Day', '2031-12-26'),
    ],
  },
  scotland: { division: 'scotland', events: [] },
  'northern-ireland': { division: 'northern-ireland', events: [] },
});

describe.each(testEngines())('importing a year and reloading the calendar, on %s', (engine) => {
  let api: ApiHarness;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reload-'));
    cpSync(defaultPoliciesDir(__dirname), join(dir, 'policies'), { recursive: true });
    api = await startApiHarness(engine, new Date('2030-12-20T10:00:00Z'), {
      policiesDir: join(dir, 'policies'),
    });
  }, 60_000);
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const admin = (req: request.Test) => req.set('Authorization', `Bearer ${api.adminKey}`);

  it('fills in the 2031 dates of a case raised on 2030-12-20, each change an event told to the participants', async () => {
    const opened = await admin(request(api.server).post('/api/v1/cases'))
      .send({
        policy: 'nel',
        caseName: 'Child F',
        agency: 'Grange Primary School',
        otherAgency: "Children's Services",
        disagreement: 'Referral closed without an assessment',
        raisedBy: { name: 'Asha Patel', email: 'asha.patel@school.example.org' },
      })
      .expect(201);
    const ref = opened.body.ref as string;
    expect(opened.body).toMatchObject({
      overallDueDate: null,
      stages: [{ dueDate: '2030-12-23' }],
    });
    api.clock.now = new Date('2030-12-23T11:00:00Z');
    await admin(request(api.server).post(`/api/v1/cases/${ref}/actions`))
      .send({ action: 'escalate', text: 'No agreement on the threshold' })
      .expect(200);

    // The administrator imports GOV.UK's file holding 2031 and reloads the calendar.
    const file = join(dir, 'bank-holidays.json');
    writeFileSync(file, GOVUK_2031);
    const imported = importHolidayFile(join(dir, 'policies'), 'england-and-wales', file, {
      dryRun: false,
      today: '2030-12-24',
    });
    expect(imported.lines[0]).toBe('england-and-wales: 8 changes for 2031');
    api.clock.now = new Date('2030-12-24T09:00:00Z');
    const reloaded = await admin(
      request(api.server).post('/api/v1/calendars/england-and-wales/reload'),
    ).expect(200);
    expect(reloaded.body).toEqual({
      calendar: 'england-and-wales',
      firstDay: '2018-01-01',
      lastDay: '2031-12-31',
      previousLastDay: '2030-12-31',
      casesChanged: [ref],
      casesFailed: [],
    });

    const after = await admin(request(api.server).get(`/api/v1/cases/${ref}`)).expect(200);
    expect(after.body).toMatchObject({ overallDueDate: '2031-01-23' });
    expect(after.body.stages[1]).toMatchObject({
      number: 2,
      dueDate: '2031-01-03',
      policyDueDate: '2031-01-03',
    });
    expect(after.body.stages[1].beyondCalendar).toBeUndefined();

    const events = await admin(request(api.server).get(`/api/v1/cases/${ref}/events`)).expect(200);
    const recomputed = (events.body as { type: string; data: Record<string, unknown> }[]).filter(
      (event) => event.type === 'deadline-recomputed',
    );
    expect(
      recomputed.map((event) => [event.data['dueDate'], event.data['overall'] ?? false]),
    ).toEqual([
      ['2031-01-03', false],
      ['2031-01-23', true],
    ]);

    const rows = await api.database.db
      .select({ raw: messages.raw })
      .from(outbox)
      .innerJoin(messages, eq(messages.id, outbox.messageId));
    const texts = await Promise.all(rows.map(async (row) => simpleParser(row.raw)));
    const told = texts.filter((mail) => (mail.subject ?? '').includes('Due date counted again'));
    expect(told.length).toBeGreaterThan(0);
    expect((told[0]!.text ?? '').replace(/\s+/g, ' ')).toContain(
      'Stage 2: due by close of business on Friday 3 January 2031 (2031-01-03).',
    );

    // A second reload of the same file changes nothing.
    const again = await admin(
      request(api.server).post('/api/v1/calendars/england-and-wales/reload'),
    ).expect(200);
    expect(again.body.casesChanged).toEqual([]);
  });

  it('refuses to reload a calendar it does not know, and an auditor', async () => {
    await admin(request(api.server).post('/api/v1/calendars/atlantis/reload')).expect(404);
    await request(api.server)
      .post('/api/v1/calendars/england-and-wales/reload')
      .set('Authorization', `Bearer ${api.auditorKey}`)
      .expect(403);
  });
});
