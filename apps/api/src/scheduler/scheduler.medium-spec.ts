import { simpleParser, type AddressObject } from 'mailparser';
import request from 'supertest';
import { and, eq, isNull, isSQLWrapper, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import {
  cases,
  events,
  messages,
  notices,
  outbox,
  ScheduleRepository,
  stages,
  type Database,
  type DatabaseKind,
} from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { Casework } from '@escalations/casework';
import type { presentCase } from '../cases/case.view';
import { policyLibrary, startApiHarness, type ApiHarness } from '../testing/api-harness';
import { DeadlineSweepService, type SweepReport } from './deadline-sweep.service';

/*
 * The deadline scheduler end to end: the real API on a database of its own per scenario, the
 * clock moved by hand, sweeps through POST /api/v1/scheduler/run (or the service itself), and
 * what it did read back from the case, its audit trail and the outbox.
 *
 * Every date below is worked out by hand from policies/*.yaml, policies/calendars/*.yaml and
 * POLICIES.md "Counting working days": D0 is the start day, a stage is due at 17:00 local on
 * its due date, the reminder goes at 09:00 local on the working day before. Europe/London and
 * Europe/Guernsey are GMT (= UTC) until 25 Oct 2026 and from 28 Mar 2027 BST (UTC+1); so
 * 17:00 local is 17:00Z in winter and 16:00Z in summer, 09:00 local 09:00Z or 08:00Z.
 */

type CaseView = ReturnType<typeof presentCase>;
interface EventView {
  seq: number;
  type: string;
  at: string;
  stage: number;
  actor: string;
  data: Record<string, unknown>;
}
/** What a sweep did to cases (the weekly digests, on Mondays, are checked on their own). */
type Did = Pick<SweepReport, 'reminders' | 'breaches' | 'overallLimits'>;
interface QueuedMail {
  /** the notice's key (`breach:1:2026-12-24`); null for mail that is not a case notice */
  key: string | null;
  to: string[];
  subject: string;
  /** the plain text, whitespace runs folded to one space */
  text: string;
}

const DOMAIN = 'escalations.localhost';
const CHILD = 'Child A (NHS 943 476 5919)';
const RAISER = { name: 'Asha Patel', email: 'asha.patel@school.example.org' };
const MANAGER = { name: 'Ben Okafor', email: 'ben.okafor@school.example.org' };
const OTHER = { name: 'Cara Lee', email: 'cara.lee@council.example.gov.uk' };
/** the stage's participants: every notice to `case.participants` goes to these three */
const PEOPLE = [RAISER.email, MANAGER.email, OTHER.email];
const NOTHING: Did = { reminders: [], breaches: [], overallLimits: [] };

const form = (policy: string, overrides: Record<string, unknown> = {}) => ({
  policy,
  caseName: CHILD,
  agency: 'Grange Primary School',
  otherAgency: "Children's Services",
  disagreement: 'Whether the referral meets the threshold for a child and family assessment',
  raisedBy: RAISER,
  manager: MANAGER,
  otherPractitioner: OTHER,
  ...overrides,
});

const library = policyLibrary();
const policyTitle = (policy: string) => library.policies.get(policy)!.shortTitle;
const stageTitle = (policy: string, stage: number) =>
  library.policies.get(policy)!.stages[stage - 1]!.title;
/** An unmapped partnership role's mailbox (the test deployment maps none). */
const role = (policy: string, kebab: string) => `${policy}-${kebab}@${DOMAIN}`;
const did = ({ reminders, breaches, overallLimits }: SweepReport): Did => ({
  reminders,
  breaches,
  overallLimits,
});

/** The events the scheduler is about, as `type stage at` lines. */
function trail(list: readonly EventView[]): string[] {
  const kinds = new Set([
    'stage-entered',
    'reminder-due',
    'stage-breached',
    'escalated',
    'extended',
    'overall-limit-breached',
  ]);
  return list.filter((e) => kinds.has(e.type)).map((e) => `${e.type} ${e.stage} ${e.at}`);
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((group) => group.value.map((a) => a.address ?? ''));
}

/** Rows of a raw statement, whichever driver answered. */
async function rowsOf<T>(db: Database, statement: SQLWrapper): Promise<T[]> {
  const result: unknown = await db.execute(statement.getSQL());
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * The query a repository method issues, exactly as it builds it: `run` gets the database
 * behind a proxy that keeps the last query builder made on it (the builder is then awaited
 * as usual, so the method runs for real).
 */
async function queryIssuedBy(db: Database, run: (db: Database) => Promise<unknown>): Promise<SQL> {
  const seen: { last?: SQLWrapper } = {};
  const recording = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function' || property === 'then') return value;
        return (...args: unknown[]): unknown => {
          const result: unknown = Reflect.apply(value, object, args);
          if (typeof result !== 'object' || result === null || result instanceof Promise)
            return result;
          if (isSQLWrapper(result)) seen.last = result;
          return recording(result);
        };
      },
    });
  await run(recording(db));
  if (!seen.last) throw new Error('no query was built');
  // the statement, not the builder: a builder is thenable, and returning it would run it
  return seen.last.getSQL();
}

async function planOf(db: Database, query: SQL): Promise<string> {
  const rows = await rowsOf<{ 'QUERY PLAN': string }>(db, sql`explain ${query}`);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

/** The API as the tests drive it. */
function driver(api: ApiHarness) {
  const auth = () => `Bearer ${api.adminKey}`;
  const caseId = async (ref: string) => {
    const [row] = await api.database.db
      .select({ id: cases.id })
      .from(cases)
      .where(eq(cases.ref, ref));
    return row!.id;
  };
  const parse = async (row: { raw: Buffer; recipients: string[]; key: string | null }) => {
    const mail = await simpleParser(row.raw);
    const to = addresses(mail.to);
    // the envelope is the header: nobody gets it blind
    expect(row.recipients).toEqual(to);
    const parsed: QueuedMail = {
      key: row.key,
      to,
      subject: mail.subject ?? '',
      text: (mail.text ?? '').replace(/\s+/g, ' '),
    };
    // CONTRACT.md: never the child's or adult's name, PID or NHS number in a subject
    expect(parsed.subject).not.toMatch(/Child A|943/);
    return parsed;
  };
  return {
    async open(body: Record<string, unknown>): Promise<CaseView> {
      const response = await request(api.server)
        .post('/api/v1/cases')
        .set('Authorization', auth())
        .send(body);
      expect([response.status, response.body]).toEqual([201, expect.anything()]);
      return response.body as CaseView;
    },
    /** One sweep through the API with the clock at `at`. */
    async sweep(at: string): Promise<SweepReport> {
      api.clock.now = new Date(at);
      const response = await request(api.server)
        .post('/api/v1/scheduler/run')
        .set('Authorization', auth());
      expect([response.status, response.body]).toEqual([200, expect.anything()]);
      const report = response.body as SweepReport;
      expect(report.at).toBe(new Date(at).toISOString());
      return report;
    },
    async get(ref: string): Promise<CaseView> {
      const response = await request(api.server)
        .get(`/api/v1/cases/${ref}`)
        .set('Authorization', auth())
        .expect(200);
      return response.body as CaseView;
    },
    async events(ref: string): Promise<EventView[]> {
      const response = await request(api.server)
        .get(`/api/v1/cases/${ref}/events`)
        .set('Authorization', auth())
        .expect(200);
      return response.body as EventView[];
    },
    async act(ref: string, body: Record<string, unknown>): Promise<CaseView> {
      const response = await request(api.server)
        .post(`/api/v1/cases/${ref}/actions`)
        .set('Authorization', auth())
        .send(body);
      expect([response.status, response.body]).toEqual([200, expect.anything()]);
      return response.body as CaseView;
    },
    /** The case's notice keys, sorted. */
    async noticeKeys(ref: string): Promise<string[]> {
      const rows = await api.database.db
        .select({ key: notices.key })
        .from(notices)
        .where(eq(notices.caseId, await caseId(ref)));
      return rows.map((row) => row.key).sort();
    },
    /** The mail queued for the case, by the key of the notice it carries (one mail each). */
    async mails(ref: string): Promise<Map<string, QueuedMail>> {
      const rows = await api.database.db
        .select({ raw: messages.raw, recipients: outbox.recipients, key: notices.key })
        .from(outbox)
        .innerJoin(messages, eq(messages.id, outbox.messageId))
        .leftJoin(notices, eq(notices.id, outbox.noticeId))
        .where(eq(outbox.caseId, await caseId(ref)));
      const byKey = new Map<string, QueuedMail>();
      for (const row of rows) {
        const mail = await parse(row);
        expect(byKey.has(mail.key ?? '')).toBe(false);
        byKey.set(mail.key ?? '', mail);
      }
      return byKey;
    },
    /** Mail that belongs to no case (the weekly digests). */
    async caseless(): Promise<QueuedMail[]> {
      const rows = await api.database.db
        .select({ raw: messages.raw, recipients: outbox.recipients })
        .from(outbox)
        .innerJoin(messages, eq(messages.id, outbox.messageId))
        .where(isNull(outbox.caseId));
      return Promise.all(rows.map((row) => parse({ ...row, key: null })));
    },
    async counts(): Promise<{ notices: number; outbox: number; events: number }> {
      const [row] = await rowsOf<{ notices: number; outbox: number; events: number }>(
        api.database.db,
        sql`select (select count(*)::int from ${notices}) as notices,
          (select count(*)::int from ${outbox}) as outbox,
          (select count(*)::int from ${events}) as events`,
      );
      return row!;
    },
  };
}

/** A harness of its own for one scenario: sweeps act on every case in the database. */
function harness(engine: DatabaseKind, start: string) {
  const holder: { api?: ApiHarness } = {};
  beforeAll(async () => {
    holder.api = await startApiHarness(engine, new Date(start));
  }, 60_000);
  afterAll(() => holder.api?.close());
  return () => holder.api!;
}

function expectMail(
  mail: QueuedMail | undefined,
  expected: { to: string[]; subject: string; says?: string[]; never?: string[] },
): void {
  expect(mail).toBeDefined();
  expect(mail!.to).toEqual(expected.to);
  expect(mail!.subject).toBe(expected.subject);
  for (const phrase of expected.says ?? []) expect(mail!.text).toContain(phrase);
  for (const phrase of expected.never ?? []) expect(mail!.text).not.toContain(phrase);
}

describe.each(testEngines())('the deadline scheduler on %s', (engine) => {
  describe('islands (Guernsey calendar): relative stages, breach escalates and asks for a rationale', () => {
    // Raised live on Wed 23 Dec 2026 10:00 GMT (Guernsey = UTC in winter).
    const api = harness(engine, '2026-12-23T10:00:00Z');

    it('walks a case through every stage over Christmas and New Year to the ten-day limit', async () => {
      const http = driver(api());
      const BSM = role('islands', 'business-support-manager');
      const title = policyTitle('islands');
      const opened = await http.open(form('islands'));
      const { ref } = opened;
      // Stage 1 "within 1 working day": D0 Wed 23 Dec (a working day, before 17:00), due
      // Thu 24 Dec. Overall "a maximum of ten working days" from D0: Thu 24 Dec (1),
      // [Fri 25 Dec Christmas Day, Mon 28 Dec Boxing Day (substitute day)], Tue 29 (2),
      // Wed 30 (3), Thu 31 (4), [Fri 1 Jan New Year's Day], Mon 4 (5), Tue 5 (6), Wed 6 (7),
      // Thu 7 (8), Fri 8 (9), Mon 11 Jan 2027 (10).
      expect(opened.stages[0]).toMatchObject({ dueDate: '2026-12-24', remindAt: null });
      expect([opened.overallDueDate, opened.overallDueAt]).toEqual([
        '2027-01-11',
        '2027-01-11T17:00:00.000Z',
      ]);

      // A one-working-day stage has no reminder: 09:00 on the working day before its due
      // date (Wed 23 Dec 09:00) came before it started (10:00).
      expect(did(await http.sweep('2026-12-23T12:00:00Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2026-12-24T09:00:00Z'))).toEqual(NOTHING);
      // At 17:00 exactly the day is not yet over: the breach comes after close of business.
      expect(did(await http.sweep('2026-12-24T17:00:00Z'))).toEqual(NOTHING);

      // After close of business on Thu 24 Dec: the breach, dated 17:00, and the breach
      // rule: escalate. Stage 2 ("within +2 working days") starts at stage 1's due instant,
      // D0 Thu 24 Dec (at, not after, 17:00): [Fri 25 Dec Christmas Day, weekend,
      // Mon 28 Dec Boxing Day (substitute day)] Tue 29 (1), Wed 30 Dec (2).
      expect(did(await http.sweep('2026-12-24T17:00:01Z'))).toEqual({
        ...NOTHING,
        breaches: [`${ref} stage 1`],
      });
      let view = await http.get(ref);
      expect(view.currentStage).toBe(2);
      expect(view.stages[0]).toMatchObject({
        completedAt: '2026-12-24T17:00:00.000Z',
        outcome: 'escalated',
        breaches: [
          {
            at: '2026-12-24T17:00:00.000Z',
            dueDate: '2026-12-24',
            recordedAt: '2026-12-24T17:00:01.000Z',
          },
        ],
      });
      expect(view.stages[1]).toMatchObject({
        startedAt: '2026-12-24T17:00:00.000Z',
        enteredBy: 'breach',
        startDate: '2026-12-24',
        dueDate: '2026-12-30',
        dueAt: '2026-12-30T17:00:00.000Z',
        // the working day before Wed 30 Dec is Tue 29 Dec
        remindAt: '2026-12-29T09:00:00.000Z',
      });
      let mail = await http.mails(ref);
      expectMail(mail.get('breach:1:2026-12-24'), {
        // the stage's participants and the partnership contact (the business support
        // manager, unmapped here, so the role's own mailbox)
        to: [...PEOPLE, BSM],
        subject: `[${ref}] Timescale missed at stage 1`,
        says: [
          `Stage 1 (${stageTitle('islands', 1)}) of ${ref} was due by close of business on Thursday 24 December 2026`,
          `now at stage 2 (${stageTitle('islands', 2)}), due by close of business on Wednesday 30 December 2026`,
          'reply REASON with the rationale',
        ],
      });
      expectMail(mail.get('rationale-request:1:2026-12-24'), {
        to: PEOPLE,
        subject: `[${ref}] Rationale needed for the missed timescale at stage 1`,
        says: ['(due Thursday 24 December 2026)'],
      });
      // "Where a disagreement is referred to stage two ... the Partnership Business Support
      // Manager should be notified."
      expectMail(mail.get('stage-notice:2:enter:0'), {
        to: [BSM],
        subject: `[${ref}] ${title}: stage 2 notification`,
        says: [
          'has reached stage two',
          'Stage 2 is due by close of business on Wednesday 30 December 2026',
        ],
      });

      // The Boxing Day substitute is no working day; the reminder goes Tue 29 Dec 09:00.
      expect(did(await http.sweep('2026-12-28T12:00:00Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2026-12-29T08:59:59Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2026-12-29T09:00:00Z'))).toEqual({
        ...NOTHING,
        reminders: [`${ref} stage 2`],
      });
      expectMail((await http.mails(ref)).get('reminder:2:2026-12-30'), {
        to: PEOPLE,
        subject: `[${ref}] Reminder: stage 2 is due on the next working day`,
        says: [
          `Stage 2 (${stageTitle('islands', 2)}) of ${ref} is due by close of business on Wednesday 30 December 2026`,
        ],
      });
      expect(did(await http.sweep('2026-12-29T15:00:00Z'))).toEqual(NOTHING);

      // Stage 2 runs out Wed 30 Dec; stage 3 (+2) from D0 Wed 30 Dec: Thu 31 Dec (1),
      // [Fri 1 Jan New Year's Day, weekend] Mon 4 Jan 2027 (2).
      expect(did(await http.sweep('2026-12-30T17:00:01Z'))).toEqual({
        ...NOTHING,
        breaches: [`${ref} stage 2`],
      });
      view = await http.get(ref);
      expect(view.stages[2]).toMatchObject({
        startedAt: '2026-12-30T17:00:00.000Z',
        dueDate: '2027-01-04',
        // the working day before Mon 4 Jan, New Year's Day skipped: Thu 31 Dec
        remindAt: '2026-12-31T09:00:00.000Z',
      });
      expect(did(await http.sweep('2026-12-31T09:00:00Z'))).toEqual({
        ...NOTHING,
        reminders: [`${ref} stage 3`],
      });
      expectMail((await http.mails(ref)).get('reminder:3:2027-01-04'), {
        to: PEOPLE,
        subject: `[${ref}] Reminder: stage 3 is due on the next working day`,
        says: ['due by close of business on Monday 4 January 2027'],
      });

      // Stage 3 runs out Mon 4 Jan; stage 4 (+5) from D0 Mon 4 Jan: Tue 5, Wed 6, Thu 7,
      // Fri 8, Mon 11 Jan. Entering it refers the case to the independent chair.
      expect(did(await http.sweep('2027-01-01T12:00:00Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2027-01-04T17:00:01Z'))).toEqual({
        ...NOTHING,
        breaches: [`${ref} stage 3`],
      });
      mail = await http.mails(ref);
      expectMail(mail.get('stage-notice:4:enter:0'), {
        to: [role('islands', 'independent-chair')],
        subject: `[${ref}] ${title}: stage 4 notification`,
        says: [
          'Referral to the Resolution Panel',
          'Stage 4 is due by close of business on Monday 11 January 2027',
        ],
      });
      expectMail(mail.get('breach:3:2027-01-04'), {
        to: [...PEOPLE, BSM],
        subject: `[${ref}] Timescale missed at stage 3`,
        says: [
          'was due by close of business on Monday 4 January 2027',
          `now at stage 4 (${stageTitle('islands', 4)}), due by close of business on Monday 11 January 2027`,
        ],
      });
      // Fri 8 Jan 09:00, the working day before Mon 11 Jan.
      expect(did(await http.sweep('2027-01-08T08:59:59Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2027-01-08T09:00:00Z'))).toEqual({
        ...NOTHING,
        reminders: [`${ref} stage 4`],
      });

      // Mon 11 Jan after 17:00: the last stage runs out (no stage to escalate to: a
      // rationale is asked for) and so does the ten-working-day overall limit.
      expect(did(await http.sweep('2027-01-11T17:00:00Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2027-01-11T17:00:01Z'))).toEqual({
        ...NOTHING,
        breaches: [`${ref} stage 4`],
        overallLimits: [ref],
      });
      view = await http.get(ref);
      expect(view).toMatchObject({ status: 'open', currentStage: 4 });
      expect(view.stages[3]).toMatchObject({
        completedAt: null,
        breaches: [{ at: '2027-01-11T17:00:00.000Z' }],
      });
      mail = await http.mails(ref);
      expectMail(mail.get('breach:4:2027-01-11'), {
        to: [...PEOPLE, BSM],
        subject: `[${ref}] Timescale missed at stage 4`,
        says: ['was due by close of business on Monday 11 January 2027', 'reply REASON'],
        never: ['now at stage'],
      });
      expectMail(mail.get('overall-breach'), {
        to: [...PEOPLE, BSM],
        subject: `[${ref}] The overall timescale of ${title} has passed`,
        says: [
          'due to be completed by close of business on Monday 11 January 2027 (10 working days from the raise)',
          `The case is at stage 4 (${stageTitle('islands', 4)})`,
        ],
      });

      // Nothing is left to do, weeks later.
      expect(did(await http.sweep('2027-02-03T12:00:00Z'))).toEqual(NOTHING);
      expect(trail(await http.events(ref))).toEqual([
        'stage-entered 1 2026-12-23T10:00:00.000Z',
        'stage-breached 1 2026-12-24T17:00:00.000Z',
        'escalated 1 2026-12-24T17:00:00.000Z',
        'stage-entered 2 2026-12-24T17:00:00.000Z',
        'reminder-due 2 2026-12-29T09:00:00.000Z',
        'stage-breached 2 2026-12-30T17:00:00.000Z',
        'escalated 2 2026-12-30T17:00:00.000Z',
        'stage-entered 3 2026-12-30T17:00:00.000Z',
        'reminder-due 3 2026-12-31T09:00:00.000Z',
        'stage-breached 3 2027-01-04T17:00:00.000Z',
        'escalated 3 2027-01-04T17:00:00.000Z',
        'stage-entered 4 2027-01-04T17:00:00.000Z',
        'reminder-due 4 2027-01-08T09:00:00.000Z',
        'stage-breached 4 2027-01-11T17:00:00.000Z',
        'overall-limit-breached 4 2027-01-11T17:00:00.000Z',
      ]);
      expect(await http.noticeKeys(ref)).toEqual(
        [
          'breach:1:2026-12-24',
          'breach:2:2026-12-30',
          'breach:3:2027-01-04',
          'breach:4:2027-01-11',
          'overall-breach',
          'rationale-request:1:2026-12-24',
          'rationale-request:2:2026-12-30',
          'rationale-request:3:2027-01-04',
          'rationale-request:4:2027-01-11',
          'reminder:2:2026-12-30',
          'reminder:3:2027-01-04',
          'reminder:4:2027-01-11',
          'stage-notice:1:enter:0',
          'stage-notice:2:enter:0',
          'stage-notice:4:enter:0',
          expect.stringMatching(/^acknowledgement:1:v/),
        ].sort(),
      );
    });
  });

  describe('nel (England and Wales): cumulative "by working day K", breach escalates, 22 days overall', () => {
    // Imported on Fri 28 Aug 2026 (BST: 17:00 local is 16:00Z, 09:00 local 08:00Z).
    const api = harness(engine, '2026-08-28T12:00:00Z');

    it('reminds and escalates stage by stage to the chair and the overall limit', async () => {
      const http = driver(api());
      const BM = role('nel', 'business-manager');
      const CHAIR = role('nel', 'chair');
      const RECOMMENDATION = library.policies.get('nel')!.stages[4]!.steps[0]!.title;
      // Raised Fri 28 Aug 2026 10:00 BST; the raise day is working day 1: Fri 28 Aug (1),
      // [Mon 31 Aug Summer bank holiday], Tue 1 Sep (2), Wed 2 (3), Thu 3 (4), Fri 4 (5),
      // Mon 7 (6), Tue 8 (7), Wed 9 (8), Thu 10 (9), Fri 11 (10), Mon 14 (11), Tue 15 (12),
      // Wed 16 (13), Thu 17 (14), Fri 18 (15), Mon 21 (16), Tue 22 (17), Wed 23 (18),
      // Thu 24 (19), Fri 25 (20), Mon 28 (21), Tue 29 Sep (22).
      // Stage 1 by day 2: Tue 1 Sep. Its reminder would be Fri 28 Aug 09:00, before the raise.
      const opened = await http.open(form('nel', { raisedAt: '2026-08-28T09:00:00Z' }));
      const { ref } = opened;
      expect(opened.stages[0]).toMatchObject({
        dueDate: '2026-09-01',
        dueAt: '2026-09-01T16:00:00.000Z',
        remindAt: null,
      });
      expect([opened.overallDueDate, opened.overallDueAt]).toEqual([
        '2026-09-29',
        '2026-09-29T16:00:00.000Z',
      ]);
      expect(did(await http.sweep('2026-08-31T12:00:00Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2026-09-01T16:00:00Z'))).toEqual(NOTHING);

      // Stage 1 runs out Tue 1 Sep 17:00 BST; stage 2 "by working day 8": Wed 9 Sep, its
      // reminder Tue 8 Sep 09:00 BST.
      expect(did(await http.sweep('2026-09-01T16:00:01Z'))).toEqual({
        ...NOTHING,
        breaches: [`${ref} stage 1`],
      });
      let view = await http.get(ref);
      expect(view.stages[1]).toMatchObject({
        startedAt: '2026-09-01T16:00:00.000Z',
        enteredBy: 'breach',
        dueDate: '2026-09-09',
        dueAt: '2026-09-09T16:00:00.000Z',
        remindAt: '2026-09-08T08:00:00.000Z',
      });
      let mail = await http.mails(ref);
      expectMail(mail.get('breach:1:2026-09-01'), {
        to: [...PEOPLE, BM],
        subject: `[${ref}] Timescale missed at stage 1`,
        says: [
          'was due by close of business on Tuesday 1 September 2026',
          `now at stage 2 (${stageTitle('nel', 2)}), due by close of business on Wednesday 9 September 2026`,
        ],
        never: ['REASON'],
      });
      // nel asks for no rationale on an escalating breach
      expect(mail.has('rationale-request:1:2026-09-01')).toBe(false);

      expect(did(await http.sweep('2026-09-08T07:59:59Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2026-09-08T08:00:00Z'))).toEqual({
        ...NOTHING,
        reminders: [`${ref} stage 2`],
      });
      expectMail((await http.mails(ref)).get('reminder:2:2026-09-09'), {
        to: PEOPLE,
        subject: `[${ref}] Reminder: stage 2 is due on the next working day`,
        says: ['due by close of business on Wednesday 9 September 2026'],
      });

      // Stage 3 by day 11: Mon 14 Sep; reminder Fri 11 Sep 09:00 BST.
      expect(did(await http.sweep('2026-09-09T16:00:01Z'))).toEqual({
        ...NOTHING,
        breaches: [`${ref} stage 2`],
      });
      expect(did(await http.sweep('2026-09-11T08:00:00Z'))).toEqual({
        ...NOTHING,
        reminders: [`${ref} stage 3`],
      });
      // Stage 4 by day 15: Fri 18 Sep; reminder Thu 17 Sep 09:00 BST.
      expect(did(await http.sweep('2026-09-14T16:00:01Z'))).toEqual({
        ...NOTHING,
        breaches: [`${ref} stage 3`],
      });
      expect(did(await http.sweep('2026-09-17T08:00:00Z'))).toEqual({
        ...NOTHING,
        reminders: [`${ref} stage 4`],
      });
      // Stage 5 by day 22: Tue 29 Sep; reminder Mon 28 Sep 09:00 BST. Entering it tells
      // the partnership business manager.
      expect(did(await http.sweep('2026-09-18T16:00:01Z'))).toEqual({
        ...NOTHING,
        breaches: [`${ref} stage 4`],
      });
      view = await http.get(ref);
      expect(view.stages[4]).toMatchObject({
        startedAt: '2026-09-18T16:00:00.000Z',
        dueDate: '2026-09-29',
        remindAt: '2026-09-28T08:00:00.000Z',
      });
      expectMail((await http.mails(ref)).get('stage-notice:5:enter:0'), {
        to: [BM],
        subject: `[${ref}] ${policyTitle('nel')}: stage 5 notification`,
        says: [
          'Stage 5 is due by close of business on Tuesday 29 September 2026',
          `${RECOMMENDATION}: due by close of business on Friday 25 September 2026`,
        ],
      });

      // "The Chair will make a recommendation of the most appropriate way to proceed within 5
      // days of the notification", read as working days: the notification went as stage 5
      // began (Fri 18 Sep at close of business, so D0 that day); Mon 21 (1) to Fri 25 Sep (5),
      // its reminder Thu 24 Sep 09:00 BST. A step of its own, beside the stage's day 22.
      expect(view.stages[4]!.steps).toEqual([
        {
          id: 'chair-recommendation',
          title: RECOMMENDATION,
          who: 'partnership.chair',
          reply: 'RECOMMEND',
          startDate: '2026-09-18',
          dueDate: '2026-09-25',
          dueAt: '2026-09-25T16:00:00.000Z',
          remindAt: '2026-09-24T08:00:00.000Z',
          remindedAt: null,
          breachedAt: null,
          completedAt: null,
          endedBy: null,
        },
      ]);
      const steps = (report: SweepReport) => [report.stepReminders, report.stepBreaches];
      expect(steps(await http.sweep('2026-09-24T07:59:59Z'))).toEqual([[], []]);
      let report = await http.sweep('2026-09-24T08:00:00Z');
      expect([steps(report), did(report)]).toEqual([
        [[`${ref} stage 5 chair-recommendation`], []],
        NOTHING,
      ]);
      expectMail((await http.mails(ref)).get('step-reminder:5:chair-recommendation:2026-09-25'), {
        to: [CHAIR, BM],
        subject: `[${ref}] Reminder: a step of stage 5 is due on the next working day`,
        says: [
          `${RECOMMENDATION}, at stage 5 (${stageTitle('nel', 5)}) of ${ref}, is due by close of business on Friday 25 September 2026`,
          'within 5 days of the notification',
          `Case: ${CHILD}`,
          'reply to this email with RECOMMEND on the first line',
        ],
      });
      expect(steps(await http.sweep('2026-09-25T16:00:00Z'))).toEqual([[], []]);
      report = await http.sweep('2026-09-25T16:00:01Z');
      expect([steps(report), did(report)]).toEqual([
        [[], [`${ref} stage 5 chair-recommendation`]],
        NOTHING,
      ]);
      expectMail((await http.mails(ref)).get('step-breach:5:chair-recommendation:2026-09-25'), {
        to: [...PEOPLE, CHAIR, BM],
        subject: `[${ref}] Step due date missed at stage 5`,
        says: [
          'was due by close of business on Friday 25 September 2026 and has not been recorded',
          'The stage runs on: stage 5 is due by close of business on Tuesday 29 September 2026',
        ],
      });
      view = await http.get(ref);
      expect(view.stages[4]!.steps[0]).toMatchObject({
        remindedAt: '2026-09-24T08:00:00.000Z',
        breachedAt: '2026-09-25T16:00:00.000Z',
        completedAt: null,
      });
      expect(view.stages[4]!.breaches).toEqual([]);
      // the chronology lists the step: its due date on entry, its reminder and its breach
      const chronology = await request(api().server)
        .get(`/api/v1/cases/${ref}/chronology`)
        .set('Authorization', `Bearer ${api().adminKey}`)
        .expect(200);
      expect(
        (chronology.body as { entries: { what: string; type: string }[] }).entries
          .filter((entry) => /^step-|stage-entered/.test(entry.type))
          .map((entry) => entry.what)
          .slice(-3),
      ).toEqual([
        `Stage 5 (${stageTitle('nel', 5)}) began by breach; due 2026-09-29; ${RECOMMENDATION} due 2026-09-25`,
        `Reminder: ${RECOMMENDATION} due 2026-09-25`,
        `${RECOMMENDATION} not done by its due date (2026-09-25)`,
      ]);
      expect(did(await http.sweep('2026-09-28T08:00:00Z'))).toEqual({
        ...NOTHING,
        reminders: [`${ref} stage 5`],
      });

      // Tue 29 Sep after 17:00 BST: the chair's stage and the 22 working days run out together.
      expect(did(await http.sweep('2026-09-29T16:00:00Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2026-09-29T16:00:01Z'))).toEqual({
        ...NOTHING,
        breaches: [`${ref} stage 5`],
        overallLimits: [ref],
      });
      mail = await http.mails(ref);
      expectMail(mail.get('breach:5:2026-09-29'), {
        to: [...PEOPLE, BM],
        subject: `[${ref}] Timescale missed at stage 5`,
        says: ['was due by close of business on Tuesday 29 September 2026'],
        never: ['now at stage'],
      });
      // The last stage cannot escalate: the breach rule asks for a rationale instead.
      expectMail(mail.get('rationale-request:5:2026-09-29'), {
        to: PEOPLE,
        subject: `[${ref}] Rationale needed for the missed timescale at stage 5`,
      });
      expectMail(mail.get('overall-breach'), {
        to: [...PEOPLE, BM],
        subject: `[${ref}] The overall timescale of ${policyTitle('nel')} has passed`,
        says: [
          'completed by close of business on Tuesday 29 September 2026 (22 working days from the raise)',
          `The case is at stage 5 (${stageTitle('nel', 5)})`,
        ],
      });
      expect(did(await http.sweep('2026-10-07T12:00:00Z'))).toEqual(NOTHING);
      expect(trail(await http.events(ref))).toEqual([
        'stage-entered 1 2026-08-28T09:00:00.000Z',
        'stage-breached 1 2026-09-01T16:00:00.000Z',
        'escalated 1 2026-09-01T16:00:00.000Z',
        'stage-entered 2 2026-09-01T16:00:00.000Z',
        'reminder-due 2 2026-09-08T08:00:00.000Z',
        'stage-breached 2 2026-09-09T16:00:00.000Z',
        'escalated 2 2026-09-09T16:00:00.000Z',
        'stage-entered 3 2026-09-09T16:00:00.000Z',
        'reminder-due 3 2026-09-11T08:00:00.000Z',
        'stage-breached 3 2026-09-14T16:00:00.000Z',
        'escalated 3 2026-09-14T16:00:00.000Z',
        'stage-entered 4 2026-09-14T16:00:00.000Z',
        'reminder-due 4 2026-09-17T08:00:00.000Z',
        'stage-breached 4 2026-09-18T16:00:00.000Z',
        'escalated 4 2026-09-18T16:00:00.000Z',
        'stage-entered 5 2026-09-18T16:00:00.000Z',
        'reminder-due 5 2026-09-28T08:00:00.000Z',
        'stage-breached 5 2026-09-29T16:00:00.000Z',
        'overall-limit-breached 5 2026-09-29T16:00:00.000Z',
      ]);
    });
  });

  describe('south-glos (England and Wales): cumulative, breach asks for an agreed timescale', () => {
    const api = harness(engine, '2026-12-23T12:00:00Z');

    it('asks for a timescale on breach, and EXTEND moves the reminder and the breach', async () => {
      const http = driver(api());
      const SSSM = role('south-glos', 'strategic-safeguarding-service-manager');
      // Imported: raised Wed 23 Dec 2026 10:00 GMT at stage 2 (the policy allows starting
      // above stage 1). Stage 2 "within 2 working days" of the outset, D0 Wed 23 Dec:
      // Thu 24 Dec (1), [Fri 25 Dec Christmas Day, weekend, Mon 28 Dec Boxing Day
      // (substitute day)], Tue 29 Dec (2). Reminder: Thu 24 Dec 09:00.
      const opened = await http.open(
        form('south-glos', { raisedAt: '2026-12-23T10:00:00Z', startStage: 2, risk: 'immediate' }),
      );
      const { ref } = opened;
      expect(opened.stages[0]).toMatchObject({
        number: 2,
        dueDate: '2026-12-29',
        dueAt: '2026-12-29T17:00:00.000Z',
        remindAt: '2026-12-24T09:00:00.000Z',
      });
      expect(did(await http.sweep('2026-12-24T08:59:59Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2026-12-24T09:00:00Z'))).toEqual({
        ...NOTHING,
        reminders: [`${ref} stage 2`],
      });
      expectMail((await http.mails(ref)).get('reminder:2:2026-12-29'), {
        to: PEOPLE,
        subject: `[${ref}] Reminder: stage 2 is due on the next working day`,
        says: ['due by close of business on Tuesday 29 December 2026'],
      });
      expect(did(await http.sweep('2026-12-28T12:00:00Z'))).toEqual(NOTHING);

      // Tue 29 Dec after 17:00: breach notice to the people on the stage and the Strategic
      // Safeguarding Service Manager; no escalation; the participants are asked to agree a
      // timescale.
      expect(did(await http.sweep('2026-12-29T17:00:01Z'))).toEqual({
        ...NOTHING,
        breaches: [`${ref} stage 2`],
      });
      let view = await http.get(ref);
      expect(view.currentStage).toBe(2);
      expect(view.stages).toHaveLength(1);
      expect(view.stages[0]).toMatchObject({
        completedAt: null,
        breaches: [{ at: '2026-12-29T17:00:00.000Z', dueDate: '2026-12-29' }],
      });
      let mail = await http.mails(ref);
      expectMail(mail.get('breach:2:2026-12-29'), {
        to: [...PEOPLE, SSSM],
        subject: `[${ref}] Timescale missed at stage 2`,
        says: [
          'was due by close of business on Tuesday 29 December 2026',
          'Please agree a timescale',
        ],
        never: ['now at stage', 'REASON'],
      });
      expectMail(mail.get('timescale-request:2:2026-12-29'), {
        to: PEOPLE,
        subject: `[${ref}] Please agree a timescale for stage 2`,
        says: ['(due Tuesday 29 December 2026) could not be kept'],
      });
      expect(did(await http.sweep('2026-12-30T09:30:00Z'))).toEqual(NOTHING);

      // EXTEND 3 on Wed 30 Dec: Tue 29 Dec + 3 working days: Wed 30 (1), Thu 31 (2),
      // [Fri 1 Jan New Year's Day, weekend] Mon 4 Jan 2027 (3). The reminder moves to the
      // working day before: Thu 31 Dec 09:00.
      api().clock.now = new Date('2026-12-30T10:00:00Z');
      view = await http.act(ref, {
        action: 'extend',
        workingDays: 3,
        text: "Agreed on the managers' call: waiting for the GP's report",
      });
      expect(view.stages[0]).toMatchObject({
        policyDueDate: '2026-12-29',
        dueDate: '2027-01-04',
        dueAt: '2027-01-04T17:00:00.000Z',
        remindedAt: null,
        remindAt: '2026-12-31T09:00:00.000Z',
        extensions: [expect.objectContaining({ fromDueDate: '2026-12-29', dueDate: '2027-01-04' })],
      });
      expect(did(await http.sweep('2026-12-31T08:59:59Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2026-12-31T09:00:00Z'))).toEqual({
        ...NOTHING,
        reminders: [`${ref} stage 2`],
      });
      expectMail((await http.mails(ref)).get('reminder:2:2027-01-04'), {
        to: PEOPLE,
        subject: `[${ref}] Reminder: stage 2 is due on the next working day`,
        says: ['due by close of business on Monday 4 January 2027'],
      });
      expect(did(await http.sweep('2027-01-04T17:00:00Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2027-01-04T17:00:01Z'))).toEqual({
        ...NOTHING,
        breaches: [`${ref} stage 2`],
      });
      view = await http.get(ref);
      expect(view.stages[0]!.breaches).toEqual([
        expect.objectContaining({ at: '2026-12-29T17:00:00.000Z', dueDate: '2026-12-29' }),
        expect.objectContaining({ at: '2027-01-04T17:00:00.000Z', dueDate: '2027-01-04' }),
      ]);
      mail = await http.mails(ref);
      expectMail(mail.get('breach:2:2027-01-04'), {
        to: [...PEOPLE, SSSM],
        subject: `[${ref}] Timescale missed at stage 2`,
        says: ['was due by close of business on Monday 4 January 2027'],
      });
      expect(mail.has('timescale-request:2:2027-01-04')).toBe(true);
      expect(did(await http.sweep('2027-01-20T12:00:00Z'))).toEqual(NOTHING);
      expect(trail(await http.events(ref))).toEqual([
        'stage-entered 2 2026-12-23T10:00:00.000Z',
        'reminder-due 2 2026-12-24T09:00:00.000Z',
        'stage-breached 2 2026-12-29T17:00:00.000Z',
        'extended 2 2026-12-30T10:00:00.000Z',
        'reminder-due 2 2026-12-31T09:00:00.000Z',
        'stage-breached 2 2027-01-04T17:00:00.000Z',
      ]);
    });
  });

  describe('kirklees (England and Wales): 5 working days a step, breach only notifies', () => {
    const api = harness(engine, '2027-03-23T12:00:00Z');

    it('reminds and notifies across Easter and the change to BST, and escalates nothing', async () => {
      const http = driver(api());
      // Imported: raised Tue 23 Mar 2027 10:00 GMT. "within 5 working days", D0 Tue 23 Mar:
      // Wed 24 (1), Thu 25 (2), [Fri 26 Mar Good Friday, weekend, Mon 29 Mar Easter
      // Monday], Tue 30 (3), Wed 31 (4), Thu 1 Apr (5). The clocks go forward on Sun 28
      // Mar, so 17:00 on Thu 1 Apr is 16:00Z and the reminder (Wed 31 Mar 09:00) 08:00Z.
      const opened = await http.open(form('kirklees', { raisedAt: '2027-03-23T10:00:00Z' }));
      const { ref } = opened;
      expect(opened.stages[0]).toMatchObject({
        dueDate: '2027-04-01',
        dueAt: '2027-04-01T16:00:00.000Z',
        remindAt: '2027-03-31T08:00:00.000Z',
      });
      expect(did(await http.sweep('2027-03-29T12:00:00Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2027-03-31T07:59:59Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2027-03-31T08:00:00Z'))).toEqual({
        ...NOTHING,
        reminders: [`${ref} stage 1`],
      });
      expectMail((await http.mails(ref)).get('reminder:1:2027-04-01'), {
        to: PEOPLE,
        subject: `[${ref}] Reminder: stage 1 is due on the next working day`,
        says: ['due by close of business on Thursday 1 April 2027'],
      });
      expect(did(await http.sweep('2027-04-01T16:00:00Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2027-04-01T16:00:01Z'))).toEqual({
        ...NOTHING,
        breaches: [`${ref} stage 1`],
      });
      const view = await http.get(ref);
      expect(view.currentStage).toBe(1);
      expect(view.stages).toHaveLength(1);
      expect(view.stages[0]).toMatchObject({
        completedAt: null,
        breaches: [{ at: '2027-04-01T16:00:00.000Z', dueDate: '2027-04-01' }],
      });
      const mail = await http.mails(ref);
      expectMail(mail.get('breach:1:2027-04-01'), {
        to: [...PEOPLE, role('kirklees', 'business-unit-manager')],
        subject: `[${ref}] Timescale missed at stage 1`,
        says: [
          'was due by close of business on Thursday 1 April 2027',
          'Escalating is for the practitioners to decide',
        ],
        never: ['now at stage', 'REASON with the rationale', 'Please agree a timescale'],
      });
      // Notifying is all: no rationale, no timescale asked for.
      expect(await http.noticeKeys(ref)).toEqual([
        expect.stringMatching(/^acknowledgement:1:v/),
        'breach:1:2027-04-01',
        'reminder:1:2027-04-01',
      ]);
      const events = await http.events(ref);
      expect(events.find((e) => e.type === 'stage-breached')).toMatchObject({
        at: '2027-04-01T16:00:00.000Z',
        stage: 1,
        actor: 'scheduler',
        data: { dueDate: '2027-04-01', rule: 'notify', recordedAt: '2027-04-01T16:00:01.000Z' },
      });
      expect(did(await http.sweep('2027-04-14T12:00:00Z'))).toEqual(NOTHING);
    });
  });

  describe('chew-stoke (no timescales)', () => {
    const api = harness(engine, '2026-11-24T10:00:00Z');

    it('has nothing for the scheduler to do, months later', async () => {
      const http = driver(api());
      const opened = await http.open(form('chew-stoke'));
      expect(opened.stages[0]).toMatchObject({
        dueDate: null,
        dueAt: null,
        remindAt: null,
      });
      const before = await http.counts();
      // Wed 17 Feb 2027 (not a Monday: no digest)
      expect(did(await http.sweep('2027-02-17T12:00:00Z'))).toEqual(NOTHING);
      expect(await http.counts()).toEqual(before);
      // the case view adds the automatic mail and failing addresses, none here, to the answer to raising
      expect(await http.get(opened.ref)).toEqual({
        ...opened,
        automaticMail: [],
        failingAddresses: [],
      });
    });
  });

  describe('after downtime', () => {
    // Nobody swept between early December 2026 and Wed 13 Jan 2027 10:00 GMT.
    const api = harness(engine, '2027-01-13T10:00:00Z');

    it('sends every notice that fell due once, cascades by the breach rule and dates each breach at its due instant', async () => {
      const http = driver(api());
      const BM = role('nel', 'business-manager');
      // nel, raised Mon 7 Dec 2026 10:00 GMT, day 1: Mon 7 (1), Tue 8 (2), Wed 9 (3),
      // Thu 10 (4), Fri 11 (5), Mon 14 (6), Tue 15 (7), Wed 16 (8), Thu 17 (9), Fri 18 (10),
      // Mon 21 (11), Tue 22 (12), Wed 23 (13), Thu 24 (14), [Fri 25 Christmas Day, weekend,
      // Mon 28 Boxing Day (substitute day)], Tue 29 (15), Wed 30 (16), Thu 31 (17), [Fri 1 Jan
      // New Year's Day, weekend], Mon 4 (18), Tue 5 (19), Wed 6 (20), Thu 7 (21), Fri 8 Jan (22).
      // Stages due by day 2, 8, 11, 15, 22: Tue 8 Dec, Wed 16 Dec, Mon 21 Dec, Tue 29 Dec,
      // Fri 8 Jan; overall, 22 working days: Fri 8 Jan 2027. All at 17:00 GMT.
      const nel = await http.open(form('nel', { raisedAt: '2026-12-07T10:00:00Z' }));
      // kirklees, raised Wed 6 Jan 2027 10:00: +5: Thu 7, Fri 8, Mon 11, Tue 12, Wed 13 Jan.
      // Its reminder (Tue 12 Jan 09:00) fell due in the downtime, its due date has not passed:
      // the reminder still goes.
      const kirklees = await http.open(form('kirklees', { raisedAt: '2027-01-06T10:00:00Z' }));
      expect(kirklees.stages[0]).toMatchObject({
        dueDate: '2027-01-13',
        remindAt: '2027-01-12T09:00:00.000Z',
      });

      const report = await http.sweep('2027-01-13T10:00:00Z');
      expect(did(report)).toEqual({
        ...NOTHING,
        // stage 2 to 5's reminders were missed: breaches replace them
        reminders: [`${kirklees.ref} stage 1`],
        breaches: [1, 2, 3, 4, 5].map((stage) => `${nel.ref} stage ${stage}`),
        overallLimits: [nel.ref],
      });
      // The Chair's recommendation, due 5 working days after stage 5 began (Tue 29 Dec 17:00:
      // Wed 30, Thu 31, [Fri 1 Jan], Mon 4, Tue 5, Wed 6 Jan): its breach, no reminder.
      expect([report.stepReminders, report.stepBreaches]).toEqual([
        [],
        [`${nel.ref} stage 5 chair-recommendation`],
      ]);

      const view = await http.get(nel.ref);
      expect(
        view.stages.map((s) => [s.number, s.startedAt, s.dueDate, s.completedAt, s.outcome]),
      ).toEqual([
        [1, '2026-12-07T10:00:00.000Z', '2026-12-08', '2026-12-08T17:00:00.000Z', 'escalated'],
        [2, '2026-12-08T17:00:00.000Z', '2026-12-16', '2026-12-16T17:00:00.000Z', 'escalated'],
        [3, '2026-12-16T17:00:00.000Z', '2026-12-21', '2026-12-21T17:00:00.000Z', 'escalated'],
        [4, '2026-12-21T17:00:00.000Z', '2026-12-29', '2026-12-29T17:00:00.000Z', 'escalated'],
        [5, '2026-12-29T17:00:00.000Z', '2027-01-08', null, null],
      ]);
      expect(view.stages.map((s) => s.remindedAt)).toEqual([null, null, null, null, null]);
      expect(view.stages.flatMap((s) => s.breaches.map((b) => [b.at, b.recordedAt]))).toEqual(
        ['2026-12-08', '2026-12-16', '2026-12-21', '2026-12-29', '2027-01-08'].map((day) => [
          `${day}T17:00:00.000Z`,
          '2027-01-13T10:00:00.000Z',
        ]),
      );
      // The trail reads in the order things fell due, each dated when it did, not at the sweep.
      expect(trail(await http.events(nel.ref))).toEqual([
        'stage-entered 1 2026-12-07T10:00:00.000Z',
        'stage-breached 1 2026-12-08T17:00:00.000Z',
        'escalated 1 2026-12-08T17:00:00.000Z',
        'stage-entered 2 2026-12-08T17:00:00.000Z',
        'stage-breached 2 2026-12-16T17:00:00.000Z',
        'escalated 2 2026-12-16T17:00:00.000Z',
        'stage-entered 3 2026-12-16T17:00:00.000Z',
        'stage-breached 3 2026-12-21T17:00:00.000Z',
        'escalated 3 2026-12-21T17:00:00.000Z',
        'stage-entered 4 2026-12-21T17:00:00.000Z',
        'stage-breached 4 2026-12-29T17:00:00.000Z',
        'escalated 4 2026-12-29T17:00:00.000Z',
        'stage-entered 5 2026-12-29T17:00:00.000Z',
        'stage-breached 5 2027-01-08T17:00:00.000Z',
        'overall-limit-breached 5 2027-01-08T17:00:00.000Z',
      ]);
      expect(await http.noticeKeys(nel.ref)).toEqual(
        [
          expect.stringMatching(/^acknowledgement:1:v/),
          'breach:1:2026-12-08',
          'breach:2:2026-12-16',
          'breach:3:2026-12-21',
          'breach:4:2026-12-29',
          'breach:5:2027-01-08',
          'overall-breach',
          'rationale-request:5:2027-01-08',
          'stage-notice:5:enter:0',
          'step-breach:5:chair-recommendation:2027-01-06',
        ].sort(),
      );
      const mail = await http.mails(nel.ref);
      expectMail(mail.get('breach:2:2026-12-16'), {
        to: [...PEOPLE, BM],
        subject: `[${nel.ref}] Timescale missed at stage 2`,
        says: ['was due by close of business on Wednesday 16 December 2026'],
      });
      expectMail(mail.get('breach:4:2026-12-29'), {
        to: [...PEOPLE, BM],
        subject: `[${nel.ref}] Timescale missed at stage 4`,
        says: [
          'was due by close of business on Tuesday 29 December 2026',
          `now at stage 5 (${stageTitle('nel', 5)}), due by close of business on Friday 8 January 2027`,
        ],
      });
      expectMail(mail.get('overall-breach'), {
        to: [...PEOPLE, BM],
        subject: `[${nel.ref}] The overall timescale of ${policyTitle('nel')} has passed`,
        says: [
          'completed by close of business on Friday 8 January 2027 (22 working days from the raise)',
          `The case is at stage 5 (${stageTitle('nel', 5)})`,
        ],
      });
      expectMail((await http.mails(kirklees.ref)).get('reminder:1:2027-01-13'), {
        to: PEOPLE,
        subject: `[${kirklees.ref}] Reminder: stage 1 is due on the next working day`,
        says: ['due by close of business on Wednesday 13 January 2027'],
      });

      // A second sweep, straight after or later the same morning, does nothing.
      const before = await http.counts();
      expect(did(await http.sweep('2027-01-13T10:00:00Z'))).toEqual(NOTHING);
      expect(did(await http.sweep('2027-01-13T11:00:00Z'))).toEqual(NOTHING);
      expect(await http.counts()).toEqual(before);
    });

    it('catches up in time order: an overall limit that passed before a stage ran out comes first', async () => {
      const http = driver(api());
      // nel raised Mon 7 Dec 2026 10:00 GMT (days as above), escalated by hand twice on
      // Tue 15 Dec: stage 3 by day 11 is Mon 21 Dec; then an agreed date past the overall
      // limit (Fri 8 Jan 2027): Tue 12 Jan.
      api().clock.now = new Date('2026-12-15T10:00:00Z');
      const { ref } = await http.open(form('nel', { raisedAt: '2026-12-07T10:00:00Z' }));
      for (let i = 0; i < 2; i++) await http.act(ref, { action: 'escalate', text: 'Not agreed' });
      const extended = await http.act(ref, {
        action: 'extend',
        until: '2027-01-12',
        text: 'The strategy meeting is on 11 January',
      });
      expect(extended.stages[2]).toMatchObject({
        number: 3,
        policyDueDate: '2026-12-21',
        dueDate: '2027-01-12',
      });

      // Down until Wed 13 Jan 10:00. The overall limit passed Fri 8 Jan 17:00, with the case
      // at stage 3; stage 3 ran out Tue 12 Jan 17:00 and escalated. Stage 4 ("by working day
      // 15", Tue 29 Dec) and stage 5 (day 22, Fri 8 Jan) are entered after their own dates,
      // which never move (POLICIES.md): each is overdue on entry, stage 4 escalates at once,
      // and stage 5, the last, is breached with nowhere to go.
      const report = await http.sweep('2027-01-13T10:00:00Z');
      expect(did(report)).toEqual({
        ...NOTHING,
        breaches: [`${ref} stage 3`],
        overallLimits: [ref],
      });
      expect(trail(await http.events(ref)).slice(-9)).toEqual([
        'extended 3 2026-12-15T10:00:00.000Z',
        'overall-limit-breached 3 2027-01-08T17:00:00.000Z',
        'stage-breached 3 2027-01-12T17:00:00.000Z',
        'escalated 3 2027-01-12T17:00:00.000Z',
        'stage-entered 4 2027-01-12T17:00:00.000Z',
        'stage-breached 4 2027-01-12T17:00:00.000Z',
        'escalated 4 2027-01-12T17:00:00.000Z',
        'stage-entered 5 2027-01-12T17:00:00.000Z',
        'stage-breached 5 2027-01-12T17:00:00.000Z',
      ]);
      const stages = (await http.get(ref)).stages;
      expect(stages[3]).toMatchObject({ dueDate: '2026-12-29' });
      expect(stages[4]).toMatchObject({ dueDate: '2027-01-08', completedAt: null });
      expectMail((await http.mails(ref)).get('overall-breach'), {
        to: [...PEOPLE, role('nel', 'business-manager')],
        subject: `[${ref}] The overall timescale of ${policyTitle('nel')} has passed`,
        says: [
          'completed by close of business on Friday 8 January 2027',
          `The case is at stage 3 (${stageTitle('nel', 3)}). That stage is due by Tuesday 12 January 2027.`,
        ],
      });
    });
  });

  describe('two instances sweeping at once', () => {
    const api = harness(engine, '2027-01-13T10:00:00Z');
    const second: { api?: ApiHarness } = {};
    beforeAll(async () => {
      second.api = await startApiHarness(engine, new Date('2027-01-13T10:00:00Z'), {
        sharing: api(),
      });
    }, 60_000);
    afterAll(() => second.api?.close());

    it('sends each notice and queues each mail exactly once over 30 due cases', async () => {
      const http = driver(api());
      const refs = { nel: [] as string[], islands: [] as string[], kirklees: [] as string[] };
      for (let i = 0; i < 10; i++) {
        // Dates as in "after downtime": nel's five stages and its overall limit all passed.
        refs.nel.push((await http.open(form('nel', { raisedAt: '2026-12-07T10:00:00Z' }))).ref);
        // islands as in its own scenario: four stages and the ten days passed by Mon 11 Jan.
        refs.islands.push(
          (await http.open(form('islands', { raisedAt: '2026-12-23T10:00:00Z' }))).ref,
        );
        // kirklees due Wed 13 Jan 17:00: only its reminder (Tue 12 Jan 09:00) is due.
        refs.kirklees.push(
          (await http.open(form('kirklees', { raisedAt: '2027-01-06T10:00:00Z' }))).ref,
        );
      }
      const sweeps = [api(), second.api!].map((instance) => instance.app.get(DeadlineSweepService));
      // The sweep applies its due work in batches, each batch's cases locked together: the
      // instance that takes a batch's locks second finds every command done when it gets
      // them, and leaves the rest to the other. So the second starts as the first is about
      // to apply its second batch (its first committed: the breaches opened next stages),
      // and the first goes on once the second has applied that same list: it then waits for
      // no lock, finds each case of its batch done under its locks, and stops.
      const [first, other] = [api(), second.api!].map((instance) => instance.app.get(Casework));
      const applyFirst = first!.applyEach.bind(first);
      const applyOther = other!.applyEach.bind(other);
      const signals: { start?: () => void; applied?: () => void } = {};
      const secondStarts = new Promise<void>((resolve) => (signals.start = resolve));
      const secondApplied = new Promise<void>((resolve) => (signals.applied = resolve));
      let batches = 0;
      jest.spyOn(first!, 'applyEach').mockImplementation(async (...args) => {
        if (++batches === 2) {
          signals.start!();
          await secondApplied;
        }
        return applyFirst(...args);
      });
      jest.spyOn(other!, 'applyEach').mockImplementation(async (...args) => {
        const outcomes = await applyOther(...args);
        signals.applied!();
        return outcomes;
      });
      const reports = await Promise.all([
        sweeps[0]!.sweep(),
        secondStarts.then(() => sweeps[1]!.sweep()),
      ]);
      jest.restoreAllMocks();
      // both did some of the work
      for (const report of reports) expect(did(report)).not.toEqual(NOTHING);

      const all = (pick: (report: SweepReport) => string[]) => reports.flatMap(pick).sort();
      expect(all((r) => r.reminders)).toEqual(refs.kirklees.map((ref) => `${ref} stage 1`).sort());
      expect(all((r) => r.breaches)).toEqual(
        [
          ...refs.nel.flatMap((ref) => [1, 2, 3, 4, 5].map((stage) => `${ref} stage ${stage}`)),
          ...refs.islands.flatMap((ref) => [1, 2, 3, 4].map((stage) => `${ref} stage ${stage}`)),
        ].sort(),
      );
      expect(all((r) => r.overallLimits)).toEqual([...refs.nel, ...refs.islands].sort());

      const db = api().database.db;
      // Per case, stage and kind: reminders and breaches once each, whoever sent them.
      const perStage = await rowsOf<{ ref: string; kind: string; stage: number; n: number }>(
        db,
        sql`select c.ref, n.kind, n.stage, count(*)::int as n from ${notices} n
          join ${cases} c on c.id = n.case_id
          where n.kind in ('reminder', 'breach', 'overall-breach', 'rationale-request', 'stage-notice')
          group by c.ref, n.kind, n.stage order by c.ref, n.kind, n.stage`,
      );
      expect(perStage.filter((row) => row.n !== 1)).toEqual([]);
      const count = (kind: string) => perStage.filter((row) => row.kind === kind).length;
      expect([count('reminder'), count('breach'), count('overall-breach')]).toEqual([10, 90, 20]);
      // nel: stage 5's entry and its rationale request; islands: stage 1 (on raise), 2 and 4
      // entries and a rationale request for each of four breaches.
      expect([count('stage-notice'), count('rationale-request')]).toEqual([10 + 30, 10 + 40]);

      // Each notice's mail queued once; and the audit trail holds each breach once.
      const [mail] = await rowsOf<{ notices: number; mails: number; distinct: number }>(
        db,
        sql`select (select count(*)::int from ${notices}) as notices,
          count(*)::int as mails, count(distinct ${outbox.noticeId})::int as distinct
          from ${outbox}`,
      );
      expect(mail).toEqual({
        notices: mail!.notices,
        mails: mail!.notices,
        distinct: mail!.notices,
      });
      const breached = await rowsOf<{ n: number }>(
        db,
        sql`select count(*)::int as n from ${events} where type = 'stage-breached'
          group by case_id, stage having count(*) > 1`,
      );
      expect(breached).toEqual([]);
      const [trailRows] = await rowsOf<{ n: number }>(
        db,
        sql`select count(*)::int as n from ${events} where type = 'stage-breached'`,
      );
      expect(trailRows!.n).toBe(90);

      // Sweeping again on both, nothing is left.
      const again = await Promise.all(sweeps.map((service) => service.sweep()));
      expect(again.map(did)).toEqual([NOTHING, NOTHING]);
      expect(
        (
          await db
            .select({ n: sql<number>`count(*)::int` })
            .from(notices)
            .where(and(eq(notices.kind, 'breach')))
        )[0]!.n,
      ).toBe(90);
    }, 120_000);
  });

  describe('a sweep with nothing due', () => {
    const api = harness(engine, '2027-01-13T10:00:00Z');

    it('is one probe of the check_at indexes, not a scan of the stages or the cases', async () => {
      const http = driver(api());
      const db = api().database.db;
      // 2,000 open cases whose next look is days or weeks away (half of them nel, with an
      // overall limit), and 1,000 stages already done: enough for the planner to weigh.
      await db.execute(sql`
        insert into ${cases} (ref, policy_id, status, version, raised_at, case_name, agency,
          other_agency, disagreement, category, risk, current_stage, current_due_date,
          current_due_at, overall_due_date, overall_due_at, overall_check_at)
        select (case when i % 2 = 0 then 'NEL' else 'KSCP' end) || '-2027-' || lpad(i::text, 4, '0'),
          case when i % 2 = 0 then 'nel' else 'kirklees' end, 'open'::case_status, 2,
          timestamptz '2027-01-12 10:00Z', 'PID ' || (7000000 + i), 'Agency ' || (i % 7),
          'Other agency ' || (i % 5), 'A disagreement', 'other', 'standard'::risk_level, 2,
          date '2027-01-20' + (i % 30), timestamptz '2027-01-20 17:00Z' + (i % 30) * interval '1 day',
          case when i % 2 = 0 then date '2027-02-11' end,
          case when i % 2 = 0 then timestamptz '2027-02-11 17:00Z' end,
          case when i % 2 = 0 then timestamptz '2027-02-11 17:00Z' end
        from generate_series(1, 2000) as i`);
      await db.execute(sql`
        insert into ${stages} (case_id, policy_id, case_raised_at, number, started_at, entered_by,
          start_date, policy_due_date, due_date, due_at, remind_at, check_at, completed_at, outcome)
        select c.id, c.policy_id, c.raised_at, s.n, c.raised_at,
          (case when s.n = 1 then 'raise' else 'escalation' end)::stage_entry,
          date '2027-01-12', c.current_due_date, c.current_due_date, c.current_due_at,
          case when s.n = 2 then c.current_due_at - interval '32 hours' end,
          case when s.n = 2 then c.current_due_at - interval '32 hours' end,
          case when s.n = 1 then c.raised_at + interval '1 hour' end,
          (case when s.n = 1 then 'escalated' end)::stage_outcome
        from ${cases} c cross join generate_series(1, 2) as s(n)
        where c.ref like 'NEL-2027-%' or (c.ref like 'KSCP-2027-%' and s.n = 2)`);
      await db.execute(sql`analyze`);

      const schedule = new ScheduleRepository();
      const now = new Date('2027-01-13T10:00:00Z');
      const due = await queryIssuedBy(db, (probe) => schedule.dueStages(probe, now, 200));
      const limits = await queryIssuedBy(db, (probe) => schedule.dueOverallLimits(probe, now, 200));
      const stagesPlan = await planOf(db, due);
      expect(stagesPlan).toMatch(/Index Scan using stages_check_idx on stages/);
      expect(stagesPlan).not.toMatch(/Seq Scan/);
      // the stages' timed steps (NEL stage 5): their own partial index, as check_at's
      const steps = await queryIssuedBy(db, (probe) => schedule.dueSteps(probe, now, 200));
      const stepsPlan = await planOf(db, steps);
      expect(stepsPlan).toMatch(/Index Scan using stages_step_check_idx on stages/);
      expect(stepsPlan).not.toMatch(/Seq Scan/);
      const limitsPlan = await planOf(db, limits);
      expect(limitsPlan).toMatch(/Index Scan using cases_overall_check_idx on cases/);
      expect(limitsPlan).not.toMatch(/Seq Scan/);

      const before = await http.counts();
      expect(did(await http.sweep('2027-01-13T10:00:00Z'))).toEqual(NOTHING);
      expect(await http.counts()).toEqual(before);
    });
  });

  describe('the weekly digest', () => {
    // Summer time: 09:00 in London is 08:00Z.
    const api = harness(engine, '2026-08-24T09:00:00Z');

    it('goes to each partnership contact once on Monday from 09:00 local, listing the open cases', async () => {
      const http = driver(api());
      // kirklees, raised Mon 24 Aug 2026 10:00 BST: +5: Tue 25, Wed 26, Thu 27, Fri 28,
      // [Mon 31 Aug Summer bank holiday], Tue 1 Sep. Overdue by Mon 7 Sep (breach notifies only).
      const overdue = await http.open(form('kirklees'));
      // A case resolved is no longer on the list.
      const resolved = await http.open(form('kirklees'));
      await http.act(resolved.ref, { action: 'resolve', text: 'Agreed: a joint visit' });
      // chew-stoke, no due date; nel raised Thu 3 Sep 10:00 BST, stage 1 by day 2 (Fri 4 Sep)
      // runs out before the Monday and escalates: stage 2 by day 8: Thu 3 (1), Fri 4 (2),
      // Mon 7 (3), Tue 8 (4), Wed 9 (5), Thu 10 (6), Fri 11 (7), Mon 14 Sep (8).
      api().clock.now = new Date('2026-09-01T09:00:00Z');
      const open = await http.open(form('chew-stoke'));
      api().clock.now = new Date('2026-09-03T09:00:00Z');
      const nel = await http.open(form('nel'));

      // Sun 6 Sep: no digest (the nel breach happens here).
      expect((await http.sweep('2026-09-06T12:00:00Z')).digests).toEqual([]);
      // Mon 7 Sep 08:59:59 BST: not yet.
      expect((await http.sweep('2026-09-07T07:59:59Z')).digests).toEqual([]);
      const monday = await http.sweep('2026-09-07T08:00:00Z');
      expect([...monday.digests].sort()).toEqual([
        'chew-stoke',
        'islands',
        'kirklees',
        'nel',
        'south-glos',
      ]);
      // However many sweeps that Monday, and none on the Tuesday.
      expect((await http.sweep('2026-09-07T08:00:00Z')).digests).toEqual([]);
      expect((await http.sweep('2026-09-07T15:00:00Z')).digests).toEqual([]);
      expect((await http.sweep('2026-09-08T09:00:00Z')).digests).toEqual([]);

      const digests = await http.caseless();
      expect(digests).toHaveLength(5);
      const to = (address: string) => {
        const found = digests.filter((d) => d.to.includes(address));
        expect(found).toHaveLength(1);
        return found[0]!;
      };
      const asOf = 'as of Monday 7 September 2026';
      expectMail(to(role('kirklees', 'business-unit-manager')), {
        to: [role('kirklees', 'business-unit-manager')],
        subject: `Open escalations under ${policyTitle('kirklees')}: weekly record`,
        says: [
          asOf,
          '1 open case, 1 past a deadline:',
          `${overdue.ref} stage 1 (${stageTitle('kirklees', 1)}), due 2026-09-01 OVERDUE`,
        ],
        never: [resolved.ref, 'Child A'],
      });
      expectMail(to(role('nel', 'business-manager')), {
        to: [role('nel', 'business-manager')],
        subject: `Open escalations under ${policyTitle('nel')}: weekly record`,
        says: [
          asOf,
          '1 open case:',
          `${nel.ref} stage 2 (${stageTitle('nel', 2)}), due 2026-09-14`,
        ],
        never: ['OVERDUE', 'past a deadline', 'Child A'],
      });
      expectMail(to(role('chew-stoke', 'board-manager')), {
        to: [role('chew-stoke', 'board-manager')],
        subject: `Open escalations under ${policyTitle('chew-stoke')}: weekly record`,
        says: [asOf, `${open.ref} stage 1 (${stageTitle('chew-stoke', 1)})`],
        never: ['due 2', 'OVERDUE', 'Child A'],
      });
      expectMail(to(role('islands', 'business-support-manager')), {
        to: [role('islands', 'business-support-manager')],
        subject: `Open escalations under ${policyTitle('islands')}: weekly record`,
        says: ['There are no open cases.'],
      });
      to(role('south-glos', 'strategic-safeguarding-service-manager'));

      // The next Monday, the next one.
      expect([...(await http.sweep('2026-09-14T08:00:00Z')).digests].sort()).toEqual([
        'chew-stoke',
        'islands',
        'kirklees',
        'nel',
        'south-glos',
      ]);
      expect(await http.caseless()).toHaveLength(10);
    });
  });

  describe('a case the scheduler cannot act on', () => {
    const api = harness(engine, '2026-11-24T10:00:00Z');

    it('does not hold up the deadlines of every other case', async () => {
      const http = driver(api());
      // Two kirklees cases: raised Mon 9 Nov 2026 10:00 GMT (+5: Tue 10, Wed 11, Thu 12,
      // Fri 13, Mon 16 Nov) and Tue 10 Nov (due Tue 17 Nov). The first then belongs to a
      // policy this deployment no longer loads (a file retired or renamed), so casework
      // cannot act on it; it falls due first.
      const stuck = await http.open(form('kirklees', { raisedAt: '2026-11-09T10:00:00Z' }));
      const fine = await http.open(form('kirklees', { raisedAt: '2026-11-10T10:00:00Z' }));
      await api()
        .database.db.update(cases)
        .set({ policyId: 'retired' })
        .where(eq(cases.ref, stuck.ref));

      const report = await http.sweep('2026-11-24T10:00:00Z');
      expect(did(report)).toEqual({ ...NOTHING, breaches: [`${fine.ref} stage 1`] });
      expect(report.failed).toEqual([`${stuck.ref} stage 1`]);
      expect(await http.noticeKeys(fine.ref)).toContain('breach:1:2026-11-17');
      // It is tried again on every sweep, and still holds nothing up.
      const again = await http.sweep('2026-11-24T10:05:00Z');
      expect([did(again), again.failed]).toEqual([NOTHING, [`${stuck.ref} stage 1`]]);
    });
  });

  describe('more due than one batch', () => {
    const api = harness(engine, '2026-11-24T10:00:00Z');

    it('applies the batches side by side, each command once, reported in the order they fell due', async () => {
      const http = driver(api());
      // Thirty kirklees cases raised Mon 9 Nov 2026 (due Mon 16 Nov) and thirty on Tue 10 Nov
      // (due Tue 17 Nov), as in "a case the scheduler cannot act on": sixty breaches, more
      // than one batch holds, and one of the later cases' policy is no longer loaded.
      const early: string[] = [];
      const late: string[] = [];
      for (let i = 0; i < 30; i++) {
        early.push((await http.open(form('kirklees', { raisedAt: '2026-11-09T10:00:00Z' }))).ref);
        late.push((await http.open(form('kirklees', { raisedAt: '2026-11-10T10:00:00Z' }))).ref);
      }
      const stuck = late[7]!;
      const db = api().database.db;
      await db.update(cases).set({ policyId: 'retired' }).where(eq(cases.ref, stuck));

      const report = await http.sweep('2026-11-24T10:00:00Z');
      const label = (ref: string) => `${ref} stage 1`;
      expect(report.failed).toEqual([label(stuck)]);
      expect(report.breaches.slice(0, 30).sort()).toEqual(early.map(label).sort());
      expect(report.breaches.slice(30).sort()).toEqual(
        late
          .filter((ref) => ref !== stuck)
          .map(label)
          .sort(),
      );
      const perCase = await rowsOf<{ ref: string; n: number }>(
        db,
        sql`select c.ref, count(*)::int as n from ${notices} n join ${cases} c on c.id = n.case_id
          where n.kind = 'breach' group by c.ref`,
      );
      expect(perCase.filter((row) => row.n !== 1)).toEqual([]);
      expect(perCase.map((row) => row.ref).sort()).toEqual(
        [...early, ...late.filter((ref) => ref !== stuck)].sort(),
      );
      // the mail stored byte for byte as composed: each message's bytes hash to the sha256
      // recorded from the composed bytes
      const [stored] = await rowsOf<{ mails: number; altered: number }>(
        db,
        sql`select count(*)::int as mails,
          count(*) filter (where encode(sha256(raw), 'hex') <> sha256)::int as altered
          from ${messages} where direction = 'outbound'`,
      );
      expect(stored).toEqual({ mails: expect.any(Number), altered: 0 });
      expect(stored!.mails).toBeGreaterThanOrEqual(59);
      const again = await http.sweep('2026-11-24T10:05:00Z');
      expect([did(again), again.failed]).toEqual([NOTHING, [label(stuck)]]);
    }, 120_000);
  });

  describe('a case whose writes fail in a batch', () => {
    const api = harness(engine, '2026-11-24T10:00:00Z');

    it('costs the batch its transaction, and each other case is then applied on its own', async () => {
      const http = driver(api());
      // Both kirklees cases of "a case the scheduler cannot act on" fall due in one batch;
      // the database refuses every write to the first (a trigger standing for a failing
      // disk page or a constraint the change breaks), after the state machine accepted it.
      const stuck = await http.open(form('kirklees', { raisedAt: '2026-11-09T10:00:00Z' }));
      const fine = await http.open(form('kirklees', { raisedAt: '2026-11-10T10:00:00Z' }));
      const db = api().database.db;
      await db.execute(
        sql.raw(`create function refuse_stuck_case() returns trigger language plpgsql as $$
          begin raise exception 'case % cannot be written', old.ref; end $$`),
      );
      await db.execute(
        sql.raw(`create trigger refuse_stuck_case before update on cases for each row
          when (old.ref = '${stuck.ref}') execute function refuse_stuck_case()`),
      );

      const report = await http.sweep('2026-11-24T10:00:00Z');
      expect(did(report)).toEqual({ ...NOTHING, breaches: [`${fine.ref} stage 1`] });
      expect(report.failed).toEqual([`${stuck.ref} stage 1`]);
      expect(await http.noticeKeys(fine.ref)).toContain('breach:1:2026-11-17');
      expect(await http.noticeKeys(stuck.ref)).not.toContain('breach:1:2026-11-16');

      // Once it can be written, the next sweep catches it up.
      await db.execute(sql.raw('drop trigger refuse_stuck_case on cases'));
      const again = await http.sweep('2026-11-24T10:05:00Z');
      expect([did(again), again.failed]).toEqual([
        { ...NOTHING, breaches: [`${stuck.ref} stage 1`] },
        [],
      ]);
      expect(await http.noticeKeys(stuck.ref)).toContain('breach:1:2026-11-16');
    });
  });

  describe('POST /api/v1/scheduler/run', () => {
    const api = harness(engine, '2026-11-24T10:00:00Z');

    it('returns what the sweep did, for administrators only', async () => {
      const http = driver(api());
      // kirklees raised Mon 16 Nov 2026 10:00 GMT: +5: Tue 17, Wed 18, Thu 19, Fri 20,
      // Mon 23 Nov; breached at 17:00 Mon 23 Nov.
      const { ref } = await http.open(form('kirklees', { raisedAt: '2026-11-16T10:00:00Z' }));
      await request(api().server).post('/api/v1/scheduler/run').expect(401);
      const refused = await request(api().server)
        .post('/api/v1/scheduler/run')
        .set('Authorization', `Bearer ${api().auditorKey}`);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: { code: 'forbidden' } });
      expect(await http.noticeKeys(ref)).toHaveLength(1);

      const report = await http.sweep('2026-11-24T10:00:00Z');
      expect(report).toEqual({
        at: '2026-11-24T10:00:00.000Z',
        reminders: [],
        breaches: [`${ref} stage 1`],
        overallLimits: [],
        stepReminders: [],
        stepBreaches: [],
        digests: [],
        calendars: [],
        skipped: 0,
        failed: [],
      });
    });
  });
});
