import { createHash, randomUUID } from 'node:crypto';
import type { Response as AgentResponse } from 'superagent';
import request, { type Response } from 'supertest';
import { and, arrayContains, asc, eq } from 'drizzle-orm';
import { Casework } from '@escalations/casework';
import { accessLog, apiKeys, cases, events, messages } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { hashApiKey } from '../auth/api-key';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';
import type { presentCase } from './case.view';

type CaseView = ReturnType<typeof presentCase>;
interface ListPage {
  items: { ref: string; raisedAt: string; status: string; currentStage: number | null }[];
  nextCursor: string | null;
}
interface EventView {
  seq: number;
  type: string;
  at: string;
  stage: number;
  actor: string;
  verified: boolean;
  data: Record<string, unknown>;
}
interface ErrorBody {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

const START = new Date('2026-11-24T10:00:00Z'); // a Tuesday, GMT
const ADMIN = 'api-key:test admin';

const form = (overrides: Record<string, unknown> = {}) => ({
  policy: 'nel',
  caseName: 'Child A (NHS 943 476 5919)',
  agency: 'Riverside Primary School',
  otherAgency: "Children's Services",
  disagreement: 'Whether the referral meets the threshold for a child and family assessment',
  raisedBy: { name: 'Asha Patel', email: 'asha.patel@riverside.example.org' },
  ...overrides,
});

/** Supertest leaves unknown content types unread; the raw message must come back byte for byte. */
function binary(
  response: AgentResponse,
  callback: (error: Error | null, body: Buffer) => void,
): void {
  // in Node, superagent hands its parsers the response stream itself
  const stream = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** The API as an administrator or an auditor drives it, with the harness's clock to move. */
function client(api: ApiHarness) {
  const auth = (key: string) => `Bearer ${key}`;
  return {
    get: (path: string, key = api.adminKey) =>
      request(api.server).get(path).set('Authorization', auth(key)),
    post: (path: string, body: unknown, key = api.adminKey) =>
      request(api.server)
        .post(path)
        .set('Authorization', auth(key))
        .send(body as object),
    async open(overrides: Record<string, unknown> = {}): Promise<CaseView> {
      const response = await this.post('/api/v1/cases', form(overrides));
      expect([response.status, response.body]).toEqual([201, expect.anything()]);
      return response.body as CaseView;
    },
    act: (ref: string, body: Record<string, unknown>) =>
      request(api.server)
        .post(`/api/v1/cases/${ref}/actions`)
        .set('Authorization', auth(api.adminKey))
        .send(body),
    async list(query: Record<string, string>): Promise<ListPage> {
      const response = await this.get('/api/v1/cases').query(query).expect(200);
      return response.body as ListPage;
    },
    async caseId(ref: string): Promise<string> {
      const [row] = await api.database.db
        .select({ id: cases.id })
        .from(cases)
        .where(eq(cases.ref, ref));
      return row!.id;
    },
    async keyId(key: string): Promise<string> {
      const [row] = await api.database.db
        .select({ id: apiKeys.id })
        .from(apiKeys)
        .where(eq(apiKeys.hash, hashApiKey(key)));
      return row!.id;
    },
  };
}

function expectError(response: Response, status: number, code: string, message?: string | RegExp) {
  expect(response.status).toBe(status);
  const body = response.body as ErrorBody;
  expect(body.error.code).toBe(code);
  if (typeof message === 'string') expect(body.error.message).toBe(message);
  else if (message) expect(body.error.message).toMatch(message);
}

function fieldsOf(response: Response): string[] {
  return ((response.body as ErrorBody).error.details ?? []).map((detail) => detail.field);
}

function refNumber(ref: string): number {
  return Number(ref.split('-').at(-1));
}

describe.each(testEngines())('cases through the API on %s', (engine) => {
  let api: ApiHarness;
  let http: ReturnType<typeof client>;

  beforeAll(async () => {
    api = await startApiHarness(engine, START);
    http = client(api);
  }, 60_000);
  afterAll(() => api.close());
  beforeEach(() => {
    api.clock.now = START;
  });

  describe('POST /cases', () => {
    it('opens a case at stage 1 with its deadline and its people, and numbers it in its year', async () => {
      const opened = await http.open({
        manager: { name: 'Ben Okafor', email: 'ben.okafor@riverside.example.org' },
        otherPractitioner: { name: 'Cara Lee', email: 'cara.lee@cs.example.gov.uk' },
        category: 'referral-thresholds',
      });
      expect(opened.ref).toMatch(/^NEL-2026-\d{4}$/);
      expect(opened).toMatchObject({
        policy: 'nel',
        status: 'open',
        version: 1,
        raisedAt: '2026-11-24T10:00:00.000Z',
        category: 'referral-thresholds',
        risk: 'standard',
        currentStage: 1,
        // "to be completed within 22 working days": Tue 24 Nov is day 1, Wed 23 Dec day 22
        overallDueDate: '2026-12-23',
        overallDueAt: '2026-12-23T17:00:00.000Z',
        closedAt: null,
      });
      // "Working Day 1-2": due on the raise's working day 2
      expect(opened.stages).toEqual([
        {
          number: 1,
          title: 'Practitioner to line manager, then to the other practitioner',
          startedAt: '2026-11-24T10:00:00.000Z',
          enteredBy: 'raise',
          startDate: '2026-11-24',
          policyDueDate: '2026-11-25',
          dueDate: '2026-11-25',
          dueAt: '2026-11-25T17:00:00.000Z',
          extensions: [],
          breaches: [],
          remindedAt: null,
          // a stage due the working day after it starts has no reminder
          remindAt: null,
          completedAt: null,
          outcome: null,
          workingDaysTaken: null,
          // NEL's stage 1 has no timed step (stage 5 has the Chair's recommendation)
          steps: [],
        },
      ]);
      expect(opened.participants).toEqual([
        {
          email: 'asha.patel@riverside.example.org',
          name: 'Asha Patel',
          role: 'raiser',
          agency: 'Riverside Primary School',
          joinedAtStage: 1,
          side: 'raising',
        },
        {
          email: 'ben.okafor@riverside.example.org',
          name: 'Ben Okafor',
          role: 'manager',
          agency: 'Riverside Primary School',
          joinedAtStage: 1,
          side: 'raising',
        },
        {
          email: 'cara.lee@cs.example.gov.uk',
          name: 'Cara Lee',
          role: 'other-practitioner',
          agency: "Children's Services",
          joinedAtStage: 1,
          side: 'other',
        },
      ]);

      const next = await http.open();
      expect(refNumber(next.ref)).toBe(refNumber(opened.ref) + 1);
      const fetched = await http.get(`/api/v1/cases/${opened.ref}`).expect(200);
      // the case view adds the machine mail about the case and its failing addresses: none yet
      expect(fetched.body).toEqual({ ...opened, automaticMail: [], failingAddresses: [] });
    });

    it.each([
      ['a missing caseName', { caseName: undefined }, 'caseName', 'caseName is required'],
      ['a blank agency', { agency: '   ' }, 'agency', 'agency must not be empty'],
      [
        'a bad email in raisedBy',
        { raisedBy: { name: 'Asha', email: 'asha@nhs' } },
        'raisedBy.email',
        undefined,
      ],
      ['an unknown key in the strict body', { colour: 'blue' }, '(body)', /colour/],
      ['risk outside the list', { risk: 'high' }, 'risk', undefined],
      ['a startStage that is not a number', { startStage: 'two' }, 'startStage', undefined],
      [
        'raisedAt that is not a date and time',
        { raisedAt: 'last Tuesday' },
        'raisedAt',
        /^expected an ISO 8601 date and time/,
      ],
      [
        'raisedAt in the repeated autumn hour without an offset, naming both readings',
        { raisedAt: '2026-10-25T01:30' },
        'raisedAt',
        '2026-10-25T01:30 happens twice in Europe/London (the clocks go back that night): it could be 2026-10-25T01:30+01:00 or 2026-10-25T01:30+00:00. Write the one you mean, with its offset.',
      ],
      [
        'raisedAt in the spring gap without an offset, naming the gap',
        { raisedAt: '2026-03-29T01:30' },
        'raisedAt',
        '2026-03-29T01:30 does not exist in Europe/London: the clocks go forward from 01:00 to 02:00 that day. Write the time with its offset, or a time outside the gap.',
      ],
    ])('refuses %s with a 400 naming the field', async (_, overrides, field, message) => {
      const response = await http.post('/api/v1/cases', form(overrides));
      expectError(response, 400, 'bad-request');
      expect(fieldsOf(response)).toEqual([field]);
      const detail = (response.body as ErrorBody).error.details![0]!;
      if (typeof message === 'string') expect(detail.message).toBe(message);
      else if (message) expect(detail.message).toMatch(message);
      expect((response.body as ErrorBody).error.message).toContain(`${field}: `);
    });

    it('refuses a start stage the policy does not allow, and leaves no trace of the attempt', async () => {
      const before = await http.open();
      expectError(
        await http.post('/api/v1/cases', form({ startStage: 2 })),
        400,
        'bad-start-stage',
        'nel starts every disagreement at stage 1; it does not allow starting at stage 2',
      );
      expectError(
        await http.post('/api/v1/cases', form({ policy: 'south-glos', startStage: 9 })),
        400,
        'bad-start-stage',
        'south-glos has stages 1 to 4; there is no stage 9',
      );
      // the refused raise's reference was rolled back with it: no gap in the numbers
      const after = await http.open();
      expect(refNumber(after.ref)).toBe(refNumber(before.ref) + 1);
    });

    it('refuses a category the policy does not have, listing those it has', async () => {
      expectError(
        await http.post('/api/v1/cases', form({ category: 'weather' })),
        400,
        'unknown-category',
        /^"weather" is not a category of nel: referral-thresholds, action-or-inaction, .*, other$/,
      );
    });

    it('refuses an unknown policy with a 404 naming the policies there are', async () => {
      expectError(
        await http.post('/api/v1/cases', form({ policy: 'atlantis' })),
        404,
        'not-found',
        /^policy "atlantis" \(the policies are .*nel.*\) was not found$/,
      );
    });

    it('refuses raisedAt in the future, allowing a minute of clock difference', async () => {
      const inAnHour = new Date(START.getTime() + 3_600_000).toISOString();
      const response = await http.post('/api/v1/cases', form({ raisedAt: inAnHour }));
      expectError(response, 400, 'bad-request', 'raisedAt: cannot be in the future');
      expect(fieldsOf(response)).toEqual(['raisedAt']);
      const skewed = new Date(START.getTime() + 30_000).toISOString();
      await http.post('/api/v1/cases', form({ raisedAt: skewed })).expect(201);
    });

    it('refuses raisedAt before the calendars begin with a 400, not a failure of ours', async () => {
      const response = await http.post('/api/v1/cases', form({ raisedAt: '2015-03-02T10:00:00Z' }));
      expectError(
        response,
        400,
        'bad-request',
        /^raisedAt: 2015-03-02 is outside the england-and-wales calendar/,
      );
      expect(fieldsOf(response)).toEqual(['raisedAt']);
    });

    it('answers a body that is not JSON with a 400 in the error shape', async () => {
      const response = await request(api.server)
        .post('/api/v1/cases')
        .set('Authorization', `Bearer ${api.adminKey}`)
        .set('Content-Type', 'application/json')
        .send('{"policy": "nel",');
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: { code: 'bad-request', message: expect.stringMatching(/JSON/) },
      });
    });

    it('answers a body over 1 MB with 413 in the error shape', async () => {
      const response = await http.post(
        '/api/v1/cases',
        form({ disagreement: 'x'.repeat(1_100_000) }),
      );
      expect(response.status).toBe(413);
      expect(response.body).toEqual({
        error: {
          code: 'payload-too-large',
          message: 'the request body is larger than the 1048576 bytes allowed',
        },
      });
    });
  });

  describe('importing earlier escalations (raisedAt in the past)', () => {
    // Every date below is worked out by hand from policies/*.yaml, policies/calendars/*.yaml
    // and POLICIES.md "Counting working days"; the comments show the counting.

    it("reads a local raisedAt in the policy calendar's zone, and takes one with an offset as given", async () => {
      const local = await http.open({ raisedAt: '2026-10-01T10:00' });
      expect(local.raisedAt).toBe('2026-10-01T09:00:00.000Z');
      const repeated = await http.open({ raisedAt: '2026-10-25T01:30+00:00' });
      expect(repeated.raisedAt).toBe('2026-10-25T01:30:00.000Z');
    });

    it('nel: raised Thu 1 Oct 2026 10:00 BST; stage 1 "Working Day 1-2" is due Fri 2 Oct', async () => {
      const opened = await http.open({ raisedAt: '2026-10-01T09:00:00Z' });
      expect(opened.ref).toMatch(/^NEL-2026-\d{4}$/);
      expect(opened.raisedAt).toBe('2026-10-01T09:00:00.000Z');
      expect(opened.stages).toEqual([
        expect.objectContaining({
          number: 1,
          startedAt: '2026-10-01T09:00:00.000Z',
          startDate: '2026-10-01',
          dueDate: '2026-10-02',
          dueAt: '2026-10-02T16:00:00.000Z', // 17:00 BST
        }),
      ]);
      // 22 working days: Oct 1, 2, 5-9, 12-16, 19-23, 26-30 is day 22; 17:00 GMT after the clocks go back
      expect([opened.overallDueDate, opened.overallDueAt]).toEqual([
        '2026-10-30',
        '2026-10-30T17:00:00.000Z',
      ]);
      const trail = await http.get(`/api/v1/cases/${opened.ref}/events`).expect(200);
      expect((trail.body as EventView[])[0]).toMatchObject({
        type: 'case-raised',
        at: '2026-10-01T09:00:00.000Z',
        data: { imported: true, recordedAt: START.toISOString() },
      });
    });

    it('kirklees: raised after close of business before the August bank holiday', async () => {
      // Thu 27 Aug 2026 17:30 BST is after 17:00, so D0 is Fri 28 Aug; "within 5 working days":
      // Mon 31 Aug is the Summer bank holiday, so Tue 1, Wed 2, Thu 3, Fri 4, Mon 7 Sep
      const opened = await http.open({
        policy: 'kirklees',
        raisedAt: '2026-08-27T16:30:00Z',
      });
      expect(opened.ref).toMatch(/^KSCP-2026-\d{4}$/);
      expect(opened.stages).toEqual([
        expect.objectContaining({
          number: 1,
          startDate: '2026-08-28',
          dueDate: '2026-09-07',
          dueAt: '2026-09-07T16:00:00.000Z',
        }),
      ]);
      expect(opened.overallDueDate).toBeNull();
    });

    it('islands: Guernsey keeps Liberation Day, and the reference takes the year of the raise', async () => {
      // Thu 8 May 2025 11:00 BST; "within 1 working day": Fri 9 May is Liberation Day in
      // Guernsey (not in England), so Mon 12 May. Ten working days overall: 12-16, 19-23 May.
      const opened = await http.open({
        policy: 'islands',
        raisedAt: '2025-05-08T10:00:00Z',
      });
      expect(opened.ref).toBe('ISP-2025-0001');
      expect(opened.stages).toEqual([
        expect.objectContaining({
          number: 1,
          startDate: '2025-05-08',
          dueDate: '2025-05-12',
          dueAt: '2025-05-12T16:00:00.000Z',
        }),
      ]);
      expect([opened.overallDueDate, opened.overallDueAt]).toEqual([
        '2025-05-23',
        '2025-05-23T16:00:00.000Z',
      ]);
      const thisYear = await http.open({ policy: 'islands' });
      expect(thisYear.ref).toMatch(/^ISP-2026-\d{4}$/);
    });

    it('south-glos: started at stage 3 over Easter, counted from the raise', async () => {
      // Thu 2 Apr 2026 18:30 BST is after close of business; Good Friday 3 Apr, the weekend
      // and Easter Monday 6 Apr make D0 Tue 7 Apr. Stage 3 "Within 3 working days" of the
      // outset: Wed 8, Thu 9, Fri 10 Apr.
      const opened = await http.open({
        policy: 'south-glos',
        category: 'provision-of-services',
        risk: 'immediate',
        startStage: 3,
        raisedAt: '2026-04-02T17:30:00Z',
      });
      expect(opened.ref).toMatch(/^SGSAB-2026-\d{4}$/);
      expect(opened.currentStage).toBe(3);
      expect(opened.stages).toEqual([
        expect.objectContaining({
          number: 3,
          enteredBy: 'raise',
          startedAt: '2026-04-02T17:30:00.000Z',
          startDate: '2026-04-07',
          dueDate: '2026-04-10',
          dueAt: '2026-04-10T16:00:00.000Z',
        }),
      ]);
      expect(opened.participants).toEqual([
        expect.objectContaining({ role: 'raiser', joinedAtStage: 3 }),
      ]);
    });
  });

  describe('POST /cases/:ref/actions', () => {
    it('escalates to the next stage with its own deadline and adds the next contacts', async () => {
      const opened = await http.open();
      api.clock.now = new Date('2026-11-25T09:30:00Z');
      const response = await http
        .act(opened.ref, {
          action: 'escalate',
          text: 'No agreement with the team manager',
          nextContacts: [{ name: 'Dev Rao', email: 'Dev.Rao@cs.example.gov.uk' }],
        })
        .expect(200);
      const escalated = response.body as CaseView;
      expect(escalated).toMatchObject({ status: 'open', version: 2, currentStage: 2 });
      expect(escalated.stages[0]).toMatchObject({
        completedAt: '2026-11-25T09:30:00.000Z',
        outcome: 'escalated',
        workingDaysTaken: 1,
      });
      // "To be completed by working day 8" of the raise (Tue 24 Nov is day 1): Thu 3 Dec
      expect(escalated.stages[1]).toEqual(
        expect.objectContaining({
          number: 2,
          title: 'Organisation safeguarding representative',
          startedAt: '2026-11-25T09:30:00.000Z',
          enteredBy: 'escalation',
          startDate: '2026-11-24',
          dueDate: '2026-12-03',
          dueAt: '2026-12-03T17:00:00.000Z',
        }),
      );
      expect(escalated.participants).toContainEqual({
        email: 'dev.rao@cs.example.gov.uk',
        name: 'Dev Rao',
        role: 'next-contact',
        joinedAtStage: 2,
      });
    });

    it('resolves with the agreed outcome; a closed case then refuses everything with 409', async () => {
      const opened = await http.open();
      const blank = await http.act(opened.ref, { action: 'resolve', text: '   ' });
      expectError(blank, 400, 'bad-request', /^text: /);
      expect(fieldsOf(blank)).toEqual(['text']);

      api.clock.now = new Date('2026-11-24T15:00:00Z');
      const resolved = (
        await http
          .act(opened.ref, {
            action: 'resolve',
            text: 'Assessment to go ahead',
            outstanding: ['Review at the next core group'],
          })
          .expect(200)
      ).body as CaseView;
      expect(resolved).toMatchObject({
        status: 'resolved',
        closedAt: '2026-11-24T15:00:00.000Z',
        closingText: 'Assessment to go ahead',
        outstanding: ['Review at the next core group'],
      });
      expect(resolved.stages[0]).toMatchObject({ outcome: 'resolved', workingDaysTaken: 0 });

      for (const action of [
        { action: 'note', text: 'One more thing' },
        { action: 'escalate', text: 'Not happy after all' },
        { action: 'withdraw', text: 'No longer needed' },
      ]) {
        expectError(
          await http.act(opened.ref, action),
          409,
          'case-closed',
          new RegExp(`^case ${opened.ref} was closed \\(resolved\\) on 2026-11-24`),
        );
      }
      const after = await http.get(`/api/v1/cases/${opened.ref}`).expect(200);
      expect((after.body as CaseView).version).toBe(resolved.version);
    });

    it('extends by working days and to a date, keeping the policy date on record', async () => {
      // kirklees "within 5 working days" of Tue 24 Nov: 25, 26, 27, 30 Nov, 1 Dec
      const opened = await http.open({ policy: 'kirklees' });
      expect(opened.stages[0]!.dueDate).toBe('2026-12-01');

      const byDays = (
        await http
          .act(opened.ref, { action: 'extend', workingDays: 3, text: 'Strategy meeting moved' })
          .expect(200)
      ).body as CaseView;
      expect(byDays.stages[0]).toMatchObject({
        policyDueDate: '2026-12-01',
        dueDate: '2026-12-04',
        dueAt: '2026-12-04T17:00:00.000Z',
        extensions: [
          {
            agreedAt: START.toISOString(),
            agreedBy: ADMIN,
            fromDueDate: '2026-12-01',
            dueDate: '2026-12-04',
            dueAt: '2026-12-04T17:00:00.000Z',
            reason: 'Strategy meeting moved',
          },
        ],
      });

      // Christmas Day, then the Boxing Day substitute on Mon 28 Dec
      expectError(
        await http.act(opened.ref, { action: 'extend', until: '2026-12-25', text: 'Holidays' }),
        400,
        'bad-extension',
        '2026-12-25 is not a working day (Christmas Day); the next working day is 2026-12-29.',
      );

      const toDate = (
        await http
          .act(opened.ref, { action: 'extend', until: '2026-12-24', text: 'Agreed at the meeting' })
          .expect(200)
      ).body as CaseView;
      expect(toDate.stages[0]).toMatchObject({
        policyDueDate: '2026-12-01',
        dueDate: '2026-12-24',
        dueAt: '2026-12-24T17:00:00.000Z',
      });
      expect(toDate.stages[0]!.extensions.map((e) => [e.fromDueDate, e.dueDate])).toEqual([
        ['2026-12-01', '2026-12-04'],
        ['2026-12-04', '2026-12-24'],
      ]);

      const both = await http.act(opened.ref, {
        action: 'extend',
        workingDays: 2,
        until: '2026-12-30',
        text: 'Both',
      });
      expectError(both, 400, 'bad-request', /give exactly one of workingDays or until/);

      const beyond = await http.act(opened.ref, {
        action: 'extend',
        until: '2031-01-06',
        text: 'Far away',
      });
      expectError(
        beyond,
        400,
        'bad-request',
        /^until: 2031-01-06 is outside the england-and-wales calendar/,
      );
      expect(fieldsOf(beyond)).toEqual(['until']);
    });

    it('records the rationale for a missed deadline on the breach it explains', async () => {
      const opened = await http.open({ policy: 'kirklees' });
      expectError(
        await http.act(opened.ref, { action: 'reason', text: 'Staff sickness' }),
        409,
        'nothing-breached',
      );

      api.clock.now = new Date('2026-12-02T08:00:00Z');
      const breach = await api.app
        .get(Casework)
        .apply(
          opened.ref,
          { kind: 'breach', stage: 1 },
          { kind: 'scheduler', id: 'scheduler', verified: true },
        );
      expect(breach.ok).toBe(true);

      const explained = (
        await http.act(opened.ref, { action: 'reason', text: 'Staff sickness' }).expect(200)
      ).body as CaseView;
      // kirklees' breach rule only notifies: the case stays at stage 1
      expect(explained).toMatchObject({ status: 'open', currentStage: 1 });
      expect(explained.stages[0]!.breaches).toEqual([
        {
          at: '2026-12-01T17:00:00.000Z',
          dueDate: '2026-12-01',
          recordedAt: '2026-12-02T08:00:00.000Z',
          rationale: { text: 'Staff sickness', by: ADMIN, at: '2026-12-02T08:00:00.000Z' },
        },
      ]);
    });

    it('withdraws a case', async () => {
      const opened = await http.open({ policy: 'islands' });
      const withdrawn = (
        await http.act(opened.ref, { action: 'withdraw', text: 'Raised in error' }).expect(200)
      ).body as CaseView;
      expect(withdrawn).toMatchObject({
        status: 'withdrawn',
        closingText: 'Raised in error',
        closedAt: START.toISOString(),
      });
      expect(withdrawn.stages[0]!.outcome).toBe('withdrawn');
    });

    it('takes a decision only at the final stage, and cannot escalate past it', async () => {
      const early = await http.open();
      expectError(
        await http.act(early.ref, { action: 'decision', text: 'Decided' }),
        409,
        'not-final-stage',
        /^DECISION is for the final stage \(5: NEL SCP \/ SAB Chair\); this case is at stage 1\./,
      );

      const last = await http.open({ policy: 'south-glos', startStage: 4 });
      expectError(
        await http.act(last.ref, { action: 'escalate', text: 'Further' }),
        409,
        'final-stage',
        /^Stage 4 \(Refer concern to safeguarding board representative \(SGSAB\)\) is the last stage of this policy/,
      );
      const decided = (
        await http.act(last.ref, { action: 'decision', text: 'The care plan stands' }).expect(200)
      ).body as CaseView;
      expect(decided).toMatchObject({ status: 'decided', closingText: 'The care plan stands' });
      expect(decided.stages[0]).toMatchObject({ number: 4, outcome: 'decided' });
    });

    it('answers an unknown case with 404 and an unknown action with 400', async () => {
      expectError(
        await http.act('NEL-2099-9999', { action: 'note', text: 'Hello' }),
        404,
        'not-found',
        'case NEL-2099-9999 was not found',
      );
      const opened = await http.open();
      const unknown = await http.act(opened.ref, { action: 'shout', text: 'Hello' });
      expectError(
        unknown,
        400,
        'bad-request',
        /action must be one of resolve, escalate, extend, reason, note, withdraw, decision/,
      );
    });
  });

  describe('reading a case', () => {
    it('GET /cases/:ref is 404 for a case that does not exist, and so are its events and messages', async () => {
      for (const path of ['', '/events', '/messages']) {
        expectError(
          await http.get(`/api/v1/cases/NEL-2099-9999${path}`),
          404,
          'not-found',
          'case NEL-2099-9999 was not found',
        );
      }
    });

    it('gives the audit trail of every action, oldest first, numbered from 1', async () => {
      const opened = await http.open();
      const at = (minute: number) => new Date(START.getTime() + minute * 60_000);
      api.clock.now = at(1);
      await http.act(opened.ref, { action: 'note', text: 'Called the team manager' }).expect(200);
      api.clock.now = at(2);
      await http
        .act(opened.ref, { action: 'extend', workingDays: 1, text: 'Manager on leave' })
        .expect(200);
      api.clock.now = at(3);
      await http.act(opened.ref, { action: 'escalate', text: 'Still unresolved' }).expect(200);
      api.clock.now = at(4);
      await http.act(opened.ref, { action: 'resolve', text: 'Agreed at stage 2' }).expect(200);

      const trail = (await http.get(`/api/v1/cases/${opened.ref}/events`).expect(200))
        .body as EventView[];
      expect(trail.map((event) => [event.seq, event.type, event.stage, event.at])).toEqual([
        [1, 'case-raised', 1, at(0).toISOString()],
        [2, 'participant-added', 1, at(0).toISOString()],
        [3, 'stage-entered', 1, at(0).toISOString()],
        [4, 'noted', 1, at(1).toISOString()],
        [5, 'extended', 1, at(2).toISOString()],
        [6, 'escalated', 1, at(3).toISOString()],
        [7, 'stage-entered', 2, at(3).toISOString()],
        [8, 'resolved', 2, at(4).toISOString()],
      ]);
      expect(new Set(trail.map((event) => `${event.actor} ${event.verified}`))).toEqual(
        new Set([`${ADMIN} true`]),
      );
      expect(trail[3]!.data).toEqual({ note: 'Called the team manager' });
      expect(trail[4]!.data).toMatchObject({ fromDueDate: '2026-11-25', dueDate: '2026-11-26' });
      // the child's identifier stays on the case, out of the trail
      expect(JSON.stringify(trail)).not.toContain('943 476 5919');
    });

    it('keeps the trail append-only: the database itself refuses to change an event', async () => {
      const opened = await http.open();
      const caseId = await http.caseId(opened.ref);
      const before = (await http.get(`/api/v1/cases/${opened.ref}/events`).expect(200)).body;

      const attempt = await api.database.db
        .update(events)
        .set({ actor: 'someone else' })
        .where(eq(events.caseId, caseId))
        .then(
          () => null,
          (error: unknown) => error,
        );
      // drizzle wraps the driver's error; the trigger's own words are in its cause
      expect(String((attempt as { cause?: Error } | null)?.cause?.message)).toMatch(
        /events are append-only: UPDATE/,
      );
      const deletion = await api.database.db
        .delete(events)
        .where(eq(events.caseId, caseId))
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(String((deletion as { cause?: Error } | null)?.cause?.message)).toMatch(
        /events are append-only: DELETE/,
      );

      const after = (await http.get(`/api/v1/cases/${opened.ref}/events`).expect(200)).body;
      expect(after).toEqual(before);
    });

    it('lists the messages of a case and gives each one back exactly as it was received', async () => {
      const opened = await http.open();
      // whatever the service itself has sent so far (an acknowledgement, once mail is wired)
      const before = (await http.get(`/api/v1/cases/${opened.ref}/messages`).expect(200))
        .body as unknown[];

      // CRLF line ends and a Latin-1 byte: any decoding on the way out would change them
      const raw = Buffer.concat([
        Buffer.from(
          'From: Asha Patel <asha.patel@riverside.example.org>\r\n' +
            'To: nel@escalations.localhost\r\n' +
            `Subject: [${opened.ref}] note\r\n` +
            'Content-Type: text/plain; charset=iso-8859-1\r\n\r\nNOTE\r\nCaf',
        ),
        Buffer.from([0xe9, 0x0d, 0x0a]),
      ]);
      const sha256 = createHash('sha256').update(raw).digest('hex');
      const [inserted] = await api.database.db
        .insert(messages)
        .values({
          direction: 'inbound',
          messageId: `note-${opened.ref}@riverside.example.org`,
          sha256,
          raw,
          caseId: await http.caseId(opened.ref),
          fromAddress: 'asha.patel@riverside.example.org',
          status: 'processed',
          receivedAt: new Date('2026-11-24T09:59:00Z'),
        })
        .returning({ id: messages.id });

      const listed = (await http.get(`/api/v1/cases/${opened.ref}/messages`).expect(200))
        .body as Record<string, unknown>[];
      expect(listed).toHaveLength(before.length + 1);
      // the list never carries the raw bytes: those are read one message at a time
      for (const item of listed) expect(item).not.toHaveProperty('raw');
      expect(listed).toContainEqual({
        id: inserted!.id,
        direction: 'inbound',
        messageId: `note-${opened.ref}@riverside.example.org`,
        fromAddress: 'asha.patel@riverside.example.org',
        status: 'processed',
        error: null,
        receivedAt: '2026-11-24T09:59:00.000Z',
        processedAt: null,
        sha256,
        kind: null,
        // from, to and subject as the message's own headers give them (issue 11, item 7)
        from: 'asha.patel@riverside.example.org',
        to: ['nel@escalations.localhost'],
        cc: [],
        subject: `[${opened.ref}] note`,
        noticeKind: null,
        attachments: [],
      });
      // mail we sent says which notice it was
      expect(listed).toContainEqual(
        expect.objectContaining({
          direction: 'outbound',
          kind: 'notice',
          noticeKind: 'acknowledgement',
          from: 'nel@escalations.localhost',
          to: ['asha.patel@riverside.example.org'],
          subject: expect.stringContaining(`[${opened.ref}] Escalation received`),
        }),
      );

      const fetched = await http
        .get(`/api/v1/messages/${inserted!.id}/raw`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(fetched.headers['content-type']).toBe('message/rfc822');
      expect(Buffer.compare(fetched.body as Buffer, raw)).toBe(0);

      expectError(
        await http.get(`/api/v1/messages/${randomUUID()}/raw`),
        404,
        'not-found',
        /^message .* was not found$/,
      );
      expectError(await http.get('/api/v1/messages/not-a-message/raw'), 404, 'not-found');
    });
  });

  describe('the access log', () => {
    it('records every read of a case with the key, the status, the case and the time on the clock', async () => {
      const agency = `Access Log School ${engine}`;
      const opened = await http.open({ agency });
      const caseId = await http.caseId(opened.ref);
      const auditorId = await http.keyId(api.auditorKey);
      const [message] = await api.database.db
        .insert(messages)
        .values({
          direction: 'inbound',
          messageId: `access-${opened.ref}@riverside.example.org`,
          sha256: createHash('sha256').update(opened.ref).digest('hex'),
          raw: Buffer.from('Subject: hello\r\n\r\nhello\r\n'),
          caseId,
          status: 'processed',
        })
        .returning({ id: messages.id });

      const reads = [
        `/api/v1/cases/${opened.ref}`,
        `/api/v1/cases/${opened.ref}/events`,
        `/api/v1/cases/${opened.ref}/messages`,
        `/api/v1/messages/${message!.id}/raw`,
        `/api/v1/cases?agency=${encodeURIComponent(agency)}`,
      ];
      const times = reads.map((_, i) => new Date(Date.UTC(2026, 10, 24, 11, i, 7)));
      for (const [i, path] of reads.entries()) {
        api.clock.now = times[i]!;
        await http.get(path, api.auditorKey).expect(200);
      }
      // a read of something that is not there names no case and is not a read of this one
      await http.get('/api/v1/cases/NEL-2099-9999', api.auditorKey).expect(404);

      const rows = await api.database.db
        .select()
        .from(accessLog)
        .where(arrayContains(accessLog.caseRefs, [opened.ref]))
        .orderBy(asc(accessLog.id));
      expect(
        rows.map((row) => [row.apiKeyId, row.method, row.path, row.status, row.at, row.caseRefs]),
      ).toEqual(reads.map((path, i) => [auditorId, 'GET', path, 200, times[i], [opened.ref]]));
    });

    it('records a list read as one row naming every case on the page, and an empty page as a row naming none', async () => {
      const adminId = await http.keyId(api.adminKey);
      const tag = `List Log ${engine}`;
      const first = await http.open({ agency: tag });
      const second = await http.open({ otherAgency: tag });
      api.clock.now = new Date('2026-11-24T12:34:56Z');
      const page = await http.list({ agency: tag });
      expect(page.items.map((item) => item.ref).sort()).toEqual([first.ref, second.ref].sort());

      const rows = await api.database.db
        .select({ caseRefs: accessLog.caseRefs, status: accessLog.status })
        .from(accessLog)
        .where(and(eq(accessLog.apiKeyId, adminId), eq(accessLog.at, api.clock.now)));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.status).toBe(200);
      expect([...rows[0]!.caseRefs].sort()).toEqual([first.ref, second.ref].sort());

      api.clock.now = new Date('2026-11-24T12:35:56Z');
      expect((await http.list({ agency: 'Nobody At All' })).items).toEqual([]);
      const empty = await api.database.db
        .select({ caseRefs: accessLog.caseRefs, path: accessLog.path })
        .from(accessLog)
        .where(eq(accessLog.at, api.clock.now));
      expect(empty).toEqual([{ caseRefs: [], path: '/api/v1/cases?agency=Nobody%20At%20All' }]);
    });
  });
});

describe.each(testEngines())('GET /cases: filters and pages on %s', (engine) => {
  let api: ApiHarness;
  let http: ReturnType<typeof client>;
  /** the five cases by letter: A oldest ... D newest (C and E share their raisedAt) */
  const refs: Record<'A' | 'B' | 'C' | 'D' | 'E', string> = { A: '', B: '', C: '', D: '', E: '' };

  beforeAll(async () => {
    api = await startApiHarness(engine, START);
    http = client(api);
    // A: nel, stage 1 due Fri 2 Oct: long overdue
    refs.A = (
      await http.open({
        raisedAt: '2026-10-01T09:00:00Z',
        agency: 'School A',
        category: 'assessment',
      })
    ).ref;
    // B: kirklees, "within 5 working days" of Mon 23 Nov: Mon 30 Nov
    refs.B = (
      await http.open({
        policy: 'kirklees',
        raisedAt: '2026-11-23T10:00:00Z',
        agency: 'Police',
        otherAgency: 'School A',
        category: 'drift-or-delay',
      })
    ).ref;
    // C: islands, resolved
    refs.C = (
      await http.open({
        policy: 'islands',
        raisedAt: '2026-11-20T10:00:00Z',
        agency: 'Health',
        otherAgency: 'Police',
      })
    ).ref;
    await http.act(refs.C, { action: 'resolve', text: 'Agreed' }).expect(200);
    // D: south-glos at stage 3, within 3 working days of Tue 24 Nov: Fri 27 Nov
    refs.D = (
      await http.open({
        policy: 'south-glos',
        startStage: 3,
        raisedAt: '2026-11-24T09:00:00Z',
        agency: 'Care Home',
        otherAgency: 'Adult Social Care',
        category: 'provision-of-services',
      })
    ).ref;
    // E: nel, escalated to stage 2, "by working day 8" of Fri 20 Nov: Tue 1 Dec
    refs.E = (
      await http.open({
        raisedAt: '2026-11-20T10:00:00Z',
        agency: 'Health',
        category: 'assessment',
      })
    ).ref;
    const escalated = await http
      .act(refs.E, { action: 'escalate', text: 'No agreement' })
      .expect(200);
    expect((escalated.body as CaseView).stages[1]!.dueAt).toBe('2026-12-01T17:00:00.000Z');
    // PGlite's start-up and six cases take over a minute on a loaded machine
  }, 180_000);
  afterAll(() => api.close());
  beforeEach(() => {
    api.clock.now = START;
  });

  const letters = (page: ListPage) =>
    page.items
      .map((item) => Object.entries(refs).find(([, ref]) => ref === item.ref)?.[0] ?? item.ref)
      .sort()
      .join('');

  it('lists every case, newest first', async () => {
    const page = await http.list({});
    expect(letters(page)).toBe('ABCDE');
    const raised = page.items.map((item) => item.raisedAt);
    expect(raised).toEqual([...raised].sort().reverse());
    expect(page.items[0]).toMatchObject({ ref: refs.D, status: 'open', currentStage: 3 });
    expect(page.nextCursor).toBeNull();
  });

  it.each([
    [{ policy: 'nel' }, 'AE'],
    [{ status: 'resolved' }, 'C'],
    [{ status: 'open' }, 'ABDE'],
    [{ stage: '1' }, 'ABC'],
    [{ stage: '2' }, 'E'],
    [{ stage: '3' }, 'D'],
    [{ overdue: 'true' }, 'A'],
    [{ overdue: 'false' }, 'BCDE'],
    [{ agency: 'School A' }, 'AB'], // raising agency for A, the other agency for B
    [{ agency: 'Police' }, 'BC'],
    [{ category: 'assessment' }, 'AE'],
    [{ from: '2026-11-20', to: '2026-11-23' }, 'BCE'],
    [{ from: '2026-11-24' }, 'D'],
    [{ to: '2026-10-31' }, 'A'],
    [{ policy: 'nel', category: 'assessment', stage: '2' }, 'E'],
    [{ policy: 'chew-stoke' }, ''],
  ])('filters by %j', async (query, expected) => {
    expect(letters(await http.list(query))).toBe(expected);
  });

  it('counts overdue against the clock: each stage after close of business on its due date', async () => {
    api.clock.now = new Date('2026-12-01T10:00:00Z');
    expect(letters(await http.list({ overdue: 'true' }))).toBe('ABD');
    api.clock.now = new Date('2026-12-01T17:00:01Z');
    expect(letters(await http.list({ overdue: 'true' }))).toBe('ABDE');
    // a closed case is never overdue
    expect(letters(await http.list({ overdue: 'false' }))).toBe('C');
  });

  it.each([1, 2, 3, 4, 5, 6])(
    'pages with limit %i: every case once, in order, the last page without a cursor',
    async (limit) => {
      const all = (await http.list({})).items.map((item) => item.ref);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: Record<string, string> = { limit: String(limit) };
        if (cursor) query.cursor = cursor;
        const page = await http.list(query);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((item) => item.ref));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== null && pages < 10);
      expect(seen).toEqual(all);
      expect(pages).toBe(Math.max(1, Math.ceil(all.length / limit)));
    },
  );

  it('pages through a filter with the filter kept', async () => {
    const first = await http.list({ status: 'open', limit: '2' });
    expect(first.items).toHaveLength(2);
    const second = await http.list({ status: 'open', limit: '2', cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    expect(letters({ items: [...first.items, ...second.items], nextCursor: null })).toBe('ABDE');
  });

  it.each([
    ['a garbage cursor', { cursor: 'not-a-cursor' }, 'cursor'],
    [
      'a forged cursor',
      {
        cursor: Buffer.from(JSON.stringify(['2026-11-24T00:00:00Z', 'x'])).toString('base64url'),
      },
      'cursor',
    ],
    ['a limit of 0', { limit: '0' }, 'limit'],
    ['a limit over 200', { limit: '201' }, 'limit'],
    ['an unknown status', { status: 'lost' }, 'status'],
    ['overdue that is not a boolean', { overdue: 'yes' }, 'overdue'],
    ['a date that is not a date', { from: '24/11/2026' }, 'from'],
  ])('answers %s with a 400 naming it', async (_, query, field) => {
    const response = await http.get('/api/v1/cases').query(query);
    expectError(response, 400, 'bad-request');
    expect(fieldsOf(response)).toEqual([field]);
  });

  it('answers an unknown filter with a 400 naming it', async () => {
    const response = await http.get('/api/v1/cases').query({ colour: 'blue' });
    expectError(response, 400, 'bad-request', /"colour"/);
  });

  describe('sorted', () => {
    const inOrder = (page: ListPage) =>
      page.items
        .map((item) => Object.entries(refs).find(([, ref]) => ref === item.ref)?.[0])
        .join('');
    /** ties go in reference order: C and E were raised together, A, B and C are at stage 1 */
    const byRef = (...letters: (keyof typeof refs)[]) =>
      [...letters].sort((x, y) => refs[x].localeCompare(refs[y])).join('');

    it.each<[string, () => string]>([
      // raised: A 1 Oct, C and E 20 Nov, B 23 Nov, D 24 Nov
      ['raisedAt', () => `A${byRef('C', 'E')}BD`],
      ['-raisedAt', () => `DB${byRef('C', 'E')}A`],
      // due: A 2 Oct, D 27 Nov, B 30 Nov, E 1 Dec; C, resolved at stage 1, keeps that stage's
      // due date, in the week of 23 Nov, before D's
      ['dueAt', () => 'ACDBE'],
      ['-dueAt', () => 'EBDCA'],
      // stage: A, B, C 1; E 2; D 3
      ['stage', () => `${byRef('A', 'B', 'C')}ED`],
      ['-stage', () => `DE${byRef('A', 'B', 'C')}`],
      ['reference', () => byRef('A', 'B', 'C', 'D', 'E')],
      ['-reference', () => [...byRef('A', 'B', 'C', 'D', 'E')].reverse().join('')],
    ])(
      'sort=%s orders the whole list, and every page size gives it back once',
      async (sort, expected) => {
        expect(inOrder(await http.list({ sort }))).toBe(expected());
        for (const limit of [1, 2, 3, 4]) {
          let order = '';
          let cursor: string | null = null;
          let pages = 0;
          do {
            const query: Record<string, string> = { sort, limit: String(limit) };
            if (cursor) query.cursor = cursor;
            const page = await http.list(query);
            order += inOrder(page);
            cursor = page.nextCursor;
            pages++;
          } while (cursor !== null && pages < 10);
          expect(order).toBe(expected());
          expect(pages).toBe(Math.ceil(5 / limit));
        }
      },
    );

    it('keeps the filters under a sort', async () => {
      expect(inOrder(await http.list({ status: 'open', sort: '-dueAt' }))).toBe('EBDA');
      expect(inOrder(await http.list({ status: 'open', sort: 'dueAt', limit: '3' }))).toBe('ADB');
    });

    it('answers an unknown sort with a 400 naming it, and a cursor of another sort with a 400 naming the cursor', async () => {
      const unknown = await http.get('/api/v1/cases').query({ sort: 'colour' });
      expectError(unknown, 400, 'bad-request');
      expect(fieldsOf(unknown)).toEqual(['sort']);
      const first = await http.list({ sort: 'dueAt', limit: '2' });
      const crossed = await http
        .get('/api/v1/cases')
        .query({ sort: 'stage', limit: '2', cursor: first.nextCursor! });
      expectError(crossed, 400, 'bad-request');
      expect(fieldsOf(crossed)).toEqual(['cursor']);
      const unsorted = await http.list({ limit: '2' });
      const mixed = await http
        .get('/api/v1/cases')
        .query({ sort: 'raisedAt', cursor: unsorted.nextCursor! });
      expect(fieldsOf(mixed)).toEqual(['cursor']);
    });
  });
});
