import { eq } from 'drizzle-orm';
import request from 'supertest';
import { accessLog, cases } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

const HEADER =
  'ref,policy,status,raisedAt,agency,otherAgency,category,risk,currentStage,currentDueDate,overdue,closedAt';

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
      `${refs.S},kirklees,open,2026-11-25T11:00:00.000Z,'+Health,Police,assessment,standard,1,2026-12-02,no,`,
    R: () =>
      `${refs.R},nel,open,2026-11-25T10:00:00.000Z,"Line one\nLine two",'-Police,other,standard,1,2026-11-26,no,`,
    Q: () =>
      `${refs.Q},nel,resolved,2026-11-10T10:00:00.000Z,Health,'@SUM(A1),assessment,standard,1,2026-11-11,no,2026-11-11T10:00:00.000Z`,
    P: () =>
      `${refs.P},nel,open,2026-11-02T10:00:00.000Z,"'=HYPERLINK(""x"")","Smith, Jones & ""Partners""",referral-thresholds,standard,1,2026-11-03,yes,`,
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
});
