import { eq } from 'drizzle-orm';
import request from 'supertest';
import { accessLog, cases } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { Casework } from '@escalations/casework';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/** Six stage groups: kirklees, the longest policy an operator's key sees, has six stages. */
const STAGE_GROUPS = 6;
const HEADER =
  'ref,policy,status,raisedAt,agency,otherAgency,category,risk,currentStage,currentDueDate,overdue,closedAt,' +
  'breaches,stageResolvedAt,outcome,' +
  Array.from(
    { length: STAGE_GROUPS },
    (_, i) => `stage${i + 1}Entered,stage${i + 1}Due,stage${i + 1}Left,stage${i + 1}Outcome`,
  ).join(',');

/** The audit columns: breaches, stage resolved at, outcome, then stage 1 and the rest empty. */
const audit = (breaches: string, resolvedAt: string, outcome: string, stage1: string[]) =>
  [
    breaches,
    resolvedAt,
    outcome,
    ...stage1,
    ...Array<string>(4 * (STAGE_GROUPS - 1)).fill(''),
  ].join(',');

/** Split a body into its records; RFC 4180 ends each with CRLF. */
const lines = (body: string) => body.split('\r\n').slice(0, -1);

/**
 * The export seeded through the real path. November 2026 is on GMT with no bank holiday.
 *
 * | case | raised (10:00Z)  | policy   | agency / other agency                     | state at Thu 26 Nov 12:00Z        |
 * |------|------------------|----------|-------------------------------------------|-----------------------------------|
 * | P    | Mon 2 Nov        | nel      | =HYPERLINK("x") / Smith, Jones & "Partners" | open; stage 1 due Tue 3 Nov: overdue |
 * | Q    | Tue 10 Nov       | nel      | Health / @SUM(A1)                         | resolved Wed 11 Nov 10:00          |
 * | R    | Wed 25 Nov       | nel      | "Line one\nLine two" / -Police            | open; stage 1 due Thu 26 Nov 17:00: not overdue |
 * | S    | Wed 25 Nov 11:00 | kirklees | +Health / Police                          | open; 5 working days: due Wed 2 Dec |
 *
 * NEL stage 1 is due by working day 2 (the raise day being day 1), at 17:00.
 */
describe.each(testEngines())('GET /cases.csv on %s', (engine) => {
  let api: ApiHarness;
  const refs: Record<string, string> = {};
  const admin = () => ({ Authorization: `Bearer ${api.adminKey}` });

  async function raise(
    name: string,
    at: string,
    form: { policy: string; agency: string; otherAgency: string; category: string },
  ) {
    api.clock.now = new Date(at);
    const response = await request(api.server)
      .post('/api/v1/cases')
      .set(admin())
      .send({
        ...form,
        caseName: `Jane ${name} Doe, NHS 943 476 591${name.charCodeAt(0) % 10}`,
        disagreement: 'Threshold for a child protection enquiry',
        raisedBy: { name: 'Pat Practitioner', email: 'pat@health.example' },
        raisedAt: at,
      })
      .expect(201);
    refs[name] = response.body.ref as string;
  }

  beforeAll(async () => {
    api = await startApiHarness(engine);
    await raise('P', '2026-11-02T10:00:00Z', {
      policy: 'nel',
      agency: '=HYPERLINK("x")',
      otherAgency: 'Smith, Jones & "Partners"',
      category: 'referral-thresholds',
    });
    await raise('Q', '2026-11-10T10:00:00Z', {
      policy: 'nel',
      agency: 'Health',
      otherAgency: '@SUM(A1)',
      category: 'assessment',
    });
    api.clock.now = new Date('2026-11-11T10:00:00Z');
    await request(api.server)
      .post(`/api/v1/cases/${refs.Q}/actions`)
      .set(admin())
      .send({ action: 'resolve', text: 'Agreed' })
      .expect(200);
    await raise('R', '2026-11-25T10:00:00Z', {
      policy: 'nel',
      agency: 'Line one\nLine two',
      otherAgency: '-Police',
      category: 'other',
    });
    await raise('S', '2026-11-25T11:00:00Z', {
      policy: 'kirklees',
      agency: '+Health',
      otherAgency: 'Police',
      category: 'assessment',
    });
    api.clock.now = new Date('2026-11-26T12:00:00Z');
  }, 60_000);
  afterAll(() => api.close());

  // The expected records, newest first as the list orders them. A field starting with = + - @
  // gets an apostrophe; one holding a comma, quote or line break is quoted, quotes doubled.
  const row = {
    S: () =>
      `${refs.S},kirklees,open,2026-11-25T11:00:00.000Z,'+Health,Police,assessment,standard,1,2026-12-02,no,,` +
      audit('0', '', '', ['2026-11-25T11:00:00.000Z', '2026-12-02', '', '']),
    R: () =>
      `${refs.R},nel,open,2026-11-25T10:00:00.000Z,"Line one\nLine two",'-Police,other,standard,1,2026-11-26,no,,` +
      audit('0', '', '', ['2026-11-25T10:00:00.000Z', '2026-11-26', '', '']),
    Q: () =>
      `${refs.Q},nel,resolved,2026-11-10T10:00:00.000Z,Health,'@SUM(A1),assessment,standard,1,2026-11-11,no,2026-11-11T10:00:00.000Z,` +
      audit('0', '1', 'Agreed', [
        '2026-11-10T10:00:00.000Z',
        '2026-11-11',
        '2026-11-11T10:00:00.000Z',
        'resolved',
      ]),
    P: () =>
      `${refs.P},nel,open,2026-11-02T10:00:00.000Z,"'=HYPERLINK(""x"")","Smith, Jones & ""Partners""",referral-thresholds,standard,1,2026-11-03,yes,,` +
      audit('0', '', '', ['2026-11-02T10:00:00.000Z', '2026-11-03', '', '']),
  };

  it('streams every case as CSV with a header, quoted and formula-safe, without case names', async () => {
    const response = await request(api.server).get('/api/v1/cases.csv').set(admin()).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="cases.csv"');
    expect(response.text).toBe(
      [HEADER, row.S(), row.R(), row.Q(), row.P()].map((line) => `${line}\r\n`).join(''),
    );
    // Files travel: the child's or adult's identifier never goes in one.
    expect(response.text).not.toMatch(/Jane|Doe|943 476/);
  });

  it('applies the list filters', async () => {
    const csv = async (query: string) =>
      lines(
        (await request(api.server).get(`/api/v1/cases.csv?${query}`).set(admin()).expect(200)).text,
      );

    // NEL only: R, Q, P. (R's agency holds a line break, so it spans two physical lines.)
    expect(await csv('policy=nel')).toEqual([
      HEADER,
      ...`${row.R()}\r\n${row.Q()}\r\n${row.P()}`.split('\r\n'),
    ]);
    expect(await csv('status=resolved')).toEqual([HEADER, row.Q()]);
    // Overdue: open and past the current stage's due instant at 12:00 on 26 Nov: P only (R is
    // due at 17:00 that day, S on 2 Dec).
    expect(await csv('overdue=true')).toEqual([HEADER, row.P()]);
    expect(await csv('policy=nel&overdue=false')).toEqual([
      HEADER,
      ...`${row.R()}\r\n${row.Q()}`.split('\r\n'),
    ]);
    // Either agency matches, as in the list.
    expect(await csv(`agency=${encodeURIComponent('Smith, Jones & "Partners"')}`)).toEqual([
      HEADER,
      row.P(),
    ]);
    expect(await csv('from=2026-11-10&to=2026-11-24')).toEqual([HEADER, row.Q()]);
    // Nothing matches: the header alone.
    expect(await csv('policy=islands')).toEqual([HEADER]);
  });

  it('refuses bad filters naming the field, and callers without a key', async () => {
    for (const [query, field] of [
      ['overdue=maybe', 'overdue'],
      ['status=lost', 'status'],
      ['from=2026-02-30', 'from'],
      ['stage=zero', 'stage'],
    ] as const) {
      const response = await request(api.server)
        .get(`/api/v1/cases.csv?${query}`)
        .set(admin())
        .expect(400);
      expect(response.body.error.details).toEqual([expect.objectContaining({ field })]);
    }
    // The file is the whole list: a cursor or limit is not for it.
    await request(api.server).get('/api/v1/cases.csv?limit=5').set(admin()).expect(400);
    const response = await request(api.server).get('/api/v1/cases.csv').expect(401);
    expect(response.body.error.code).toBe('unauthorized');
  });

  it('lets an auditor download it, and logs the export once with every case it held', async () => {
    const path = '/api/v1/cases.csv?policy=nel&overdue=true';
    const response = await request(api.server)
      .get(path)
      .set({ Authorization: `Bearer ${api.auditorKey}` })
      .expect(200)
      .expect('Content-Type', 'text/csv; charset=utf-8');
    const exported = response.text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(exported.length).toBeGreaterThan(0);
    const rows = await api.database.db.select().from(accessLog);
    const exports = rows.filter((entry) => entry.path === path);
    expect(exports).toEqual([
      expect.objectContaining({ caseRefs: exported, method: 'GET', status: 200 }),
    ]);
  });

  it('streams page after page in keyset order, ties broken by id', async () => {
    // 2,345 rows (three pages of 1000) written straight to the table under a policy id of
    // their own, so the other tests' cases stay apart. Only three distinct raise instants, so
    // most page boundaries fall inside a run of equal raisedAt and the id must break the tie.
    const instants = ['2026-10-01T09:00:00Z', '2026-10-02T09:00:00Z', '2026-10-03T09:00:00Z'];
    const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const bulk = Array.from({ length: 2345 }, (_, i) => ({
      id: id(i),
      ref: `BULK-2026-${String(i).padStart(4, '0')}`,
      policyId: 'paging',
      status: 'open' as const,
      version: 1,
      raisedAt: new Date(instants[i % 3]!),
      caseName: 'Never exported',
      agency: 'Health',
      otherAgency: 'Police',
      disagreement: 'x',
      category: 'other',
      risk: 'standard' as const,
      currentStage: 1,
    }));
    await api.database.db.insert(cases).values(bulk);

    const response = await request(api.server)
      .get('/api/v1/cases.csv?policy=paging')
      .set(admin())
      .expect(200);
    // Sent as it was read, not assembled first and sent with a length.
    expect(response.headers['transfer-encoding']).toBe('chunked');
    const exported = lines(response.text)
      .slice(1)
      .map((line) => line.split(',')[0]);
    // Newest first; within an instant, the higher id first. i % 3 = 2 is the newest instant,
    // and the ids grow with i, so: i ≡ 2 (mod 3) descending, then ≡ 1, then ≡ 0.
    const expected = [2, 1, 0].flatMap((residue) =>
      bulk
        .map((_, i) => i)
        .filter((i) => i % 3 === residue)
        .reverse()
        .map((i) => `BULK-2026-${String(i).padStart(4, '0')}`),
    );
    expect(exported).toHaveLength(2345);
    expect(exported).toEqual(expected);
    expect(response.text).not.toContain('Never exported');
    // One access-log row for the download, naming every case of every page, in file order.
    const logged = await api.database.db
      .select({ caseRefs: accessLog.caseRefs, status: accessLog.status })
      .from(accessLog)
      .where(eq(accessLog.path, '/api/v1/cases.csv?policy=paging'));
    expect(logged).toEqual([{ caseRefs: expected, status: 200 }]);
  });

  it('carries breaches, the stage resolved at (a DECISION: the final stage), the outcome and each stage’s dates', async () => {
    // T, NEL, raised Tue 20 Oct 10:00Z: stage 1 (due Wed 21 Oct 17:00 BST) breached and escalated
    // by the rule, then escalated through to stage 5 and decided there.
    await raise('T', '2026-10-20T10:00:00Z', {
      policy: 'nel',
      agency: 'Health',
      otherAgency: 'Police',
      category: 'assessment',
    });
    api.clock.now = new Date('2026-10-21T17:30:00Z');
    const breached = await api.app
      .get(Casework)
      .apply(
        refs.T!,
        { kind: 'breach', stage: 1 },
        { kind: 'scheduler', id: 'scheduler', verified: true },
      );
    expect(breached.ok).toBe(true);
    const act = async (at: string, body: object) => {
      api.clock.now = new Date(at);
      await request(api.server)
        .post(`/api/v1/cases/${refs.T}/actions`)
        .set(admin())
        .send(body)
        .expect(200);
    };
    for (const day of ['22', '23', '26'])
      await act(`2026-10-${day}T10:00:00Z`, { action: 'escalate', text: 'Not agreed' });
    await act('2026-10-27T10:00:00Z', { action: 'decision', text: 'The Chair decides' });

    const [header, line] = lines(
      (
        await request(api.server)
          .get('/api/v1/cases.csv?from=2026-10-20&to=2026-10-20&policy=nel')
          .set(admin())
          .expect(200)
      ).text,
    );
    const names = header!.split(',');
    const values = line!.split(',');
    const field = (name: string) => values[names.indexOf(name)];
    expect(field('ref')).toBe(refs.T);
    expect(field('status')).toBe('decided');
    expect(field('breaches')).toBe('1');
    expect(field('stageResolvedAt')).toBe('5');
    expect(field('outcome')).toBe('The Chair decides');
    expect(
      [1, 2, 5].map((n) => [
        n,
        ...['Entered', 'Due', 'Left', 'Outcome'].map((c) => field(`stage${n}${c}`)),
      ]),
    ).toEqual([
      // the breach is dated at the due instant (17:00 BST, 16:00Z), and stage 2 starts then
      [1, '2026-10-20T10:00:00.000Z', '2026-10-21', '2026-10-21T16:00:00.000Z', 'escalated'],
      [2, '2026-10-21T16:00:00.000Z', expect.any(String), '2026-10-22T10:00:00.000Z', 'escalated'],
      [5, '2026-10-26T10:00:00.000Z', expect.any(String), '2026-10-27T10:00:00.000Z', 'decided'],
    ]);
    expect(field('stage6Entered')).toBe('');
  });
});
