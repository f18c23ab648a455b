import request from 'supertest';
import { and, eq } from 'drizzle-orm';
import { accessLog, consoleSessions, messages, outbox } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { ApiKeyService } from '../auth/api-key.service';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

const HOUR = 3_600_000;

/**
 * The console over HTTP on both engines: sign-in by key into a session in the database,
 * its cookie and CSRF tokens, the pages read through the API's services with the key's scope,
 * each read in the access log, an admin's action sending its mail, sign-out and expiry.
 */
describe.each(testEngines())('the console on %s', (engine) => {
  let api: ApiHarness;
  const refs = { nel: '', kirklees: '' };
  let kirkleesKey = '';

  const open = async (policy: string) => {
    const response = await request(api.server)
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .send({
        policy,
        caseName: 'Child M',
        agency: 'Riverside Primary School',
        otherAgency: "Children's Services",
        disagreement: 'Whether the referral meets the threshold',
        raisedBy: { name: 'Asha Patel', email: 'asha.patel@riverside.example.org' },
        manager: { name: 'Ben Okoro', email: 'ben.okoro@riverside.example.org' },
      })
      .expect(201);
    return (response.body as { ref: string }).ref;
  };

  /** Signs in as a browser would: the form's token and cookie, then the key. */
  async function signIn(key: string, headers: Record<string, string> = {}) {
    const form = await request(api.server).get('/console/sign-in').set(headers).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const cookie = cookieOf(form.headers['set-cookie'], 'console_sign_in');
    const answer = await request(api.server)
      .post('/console/sign-in')
      .set(headers)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, key });
    return answer;
  }

  async function session(key: string) {
    const answer = await signIn(key);
    expect(answer.status).toBe(303);
    const cookie = cookieOf(answer.headers['set-cookie'], 'console_session');
    const overview = await request(api.server).get('/console/overview').set('Cookie', cookie);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(overview.text)![1]!;
    return { cookie, csrf };
  }

  const page = (cookie: string, path: string) =>
    request(api.server).get(path).set('Cookie', cookie);

  const logged = async (path: string) =>
    api.database.db.select().from(accessLog).where(eq(accessLog.path, path));

  beforeAll(async () => {
    api = await startApiHarness(engine);
    refs.nel = await open('nel');
    refs.kirklees = await open('kirklees');
    kirkleesKey = (
      await api.app.get(ApiKeyService).create('auditor', 'kirklees audit', ['kirklees'])
    ).key;
    // PGlite's start-up takes over a minute on a loaded machine
  }, 180_000);
  afterAll(() => api.close());

  it('signs in with a key into an HttpOnly, SameSite=Strict session cookie kept in the database', async () => {
    const answer = await signIn(api.auditorKey);
    expect(answer.status).toBe(303);
    expect(answer.headers['location']).toBe('/console/overview');
    const cookie = (answer.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('console_session='),
    )!;
    expect(cookie).toMatch(/; Path=\/console; HttpOnly; SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const token = /^console_session=([^;]+)/.exec(cookie)![1]!;
    const rows = await api.database.db.select().from(consoleSessions);
    // only the hash is kept
    expect(rows.some((row) => row.idHash === token)).toBe(false);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('sets the cookie Secure behind TLS (X-Forwarded-Proto: https)', async () => {
    const answer = await signIn(api.auditorKey, { 'X-Forwarded-Proto': 'https' });
    expect(cookieLine(answer.headers['set-cookie'], 'console_session')).toMatch(/; Secure/);
  });

  it("refuses a wrong key, a webhook's key and a sign-in form without its token", async () => {
    const wrong = await signIn('esk_not-a-key');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('That key is not valid');
    expect((await signIn(api.inboundKey)).status).toBe(401);
    const forged = await request(api.server)
      .post('/console/sign-in')
      .type('form')
      .send({ _csrf: 'x', key: api.adminKey });
    expect(forged.status).toBe(403);
    expect(forged.headers['set-cookie']?.toString() ?? '').not.toContain('console_session=');
  });

  it('sends a person without a session to sign in', async () => {
    for (const path of ['/console/overview', '/console/cases', `/console/cases/${refs.nel}`]) {
      const answer = await request(api.server).get(path).expect(303);
      expect(answer.headers['location']).toBe('/console/sign-in');
    }
    const forged = await page('console_session=abc', '/console/overview').expect(303);
    expect(forged.headers['location']).toBe('/console/sign-in');
  });

  it('shows each partnership in scope on the overview, with the case overdue now, and logs the read', async () => {
    api.clock.now = new Date('2027-01-20T10:00:00Z');
    try {
      const { cookie } = await session(api.auditorKey);
      const overview = await page(cookie, '/console/overview').expect(200);
      expect(overview.headers['content-type']).toMatch(/text\/html/);
      expect(overview.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(overview.text).toContain('Overdue now');
      expect(overview.text).toContain(refs.nel);
      expect(overview.text).toContain(refs.kirklees);
      const [row] = await logged('/console/overview');
      expect(row).toMatchObject({ method: 'GET', status: 200 });
      expect(row!.caseRefs).toEqual(expect.arrayContaining([refs.nel, refs.kirklees]));
    } finally {
      api.clock.now = new Date('2026-11-24T10:00:00Z');
    }
  });

  it("lists and shows only the key's partnership's cases: another's is the API's 404, logged", async () => {
    const { cookie } = await session(kirkleesKey);
    const list = await page(cookie, '/console/cases').expect(200);
    expect(list.text).toContain(refs.kirklees);
    expect(list.text).not.toContain(refs.nel);
    const refused = await page(cookie, `/console/cases/${refs.nel}`).expect(404);
    expect(refused.text).toContain(`Case ${refs.nel} was not found`);
    const [row] = await logged(`/console/cases/${refs.nel}`);
    expect(row).toMatchObject({ status: 404, caseRefs: [] });
    const overview = await page(cookie, '/console/overview').expect(200);
    expect(overview.text).not.toMatch(/North East Lincolnshire/);
  });

  it('sorts the case list by its column headings, links that work without JavaScript, aria-sort on the sorted one', async () => {
    const { cookie } = await session(api.auditorKey);
    const [first, last] = [refs.nel, refs.kirklees].sort((x, y) => x.localeCompare(y));
    const heading = (html: string, name: string) =>
      new RegExp(
        `<th[^>]*aria-sort="(\\w+)"[^>]*>\\s*<a class="govuk-link console-sort" href="([^"]+)">${name}</a>`,
      ).exec(html);

    const newest = await page(cookie, '/console/cases').expect(200);
    expect(heading(newest.text, 'Raised')?.slice(1)).toEqual([
      'descending',
      '/console/cases?sort=raisedAt',
    ]);
    expect(heading(newest.text, 'Case')?.slice(1)).toEqual([
      'none',
      '/console/cases?sort=reference',
    ]);
    expect(heading(newest.text, 'Due')?.slice(1)).toEqual(['none', '/console/cases?sort=dueAt']);
    expect(heading(newest.text, 'Stage')?.slice(1)).toEqual(['none', '/console/cases?sort=stage']);
    expect(newest.text).toContain('Newest first.');

    const byRef = await page(cookie, '/console/cases?sort=reference').expect(200);
    expect(heading(byRef.text, 'Case')?.slice(1)).toEqual([
      'ascending',
      '/console/cases?sort=-reference',
    ]);
    expect(heading(byRef.text, 'Raised')?.[1]).toBe('none');
    expect(byRef.text.indexOf(first!)).toBeLessThan(byRef.text.indexOf(last!));
    const backwards = await page(cookie, '/console/cases?sort=-reference').expect(200);
    expect(heading(backwards.text, 'Case')?.slice(1)).toEqual([
      'descending',
      '/console/cases?sort=reference',
    ]);
    expect(backwards.text.indexOf(last!)).toBeLessThan(backwards.text.indexOf(first!));

    // the filters stay with a sort, the form keeps the sort, the CSV is the filters alone
    const filtered = await page(cookie, '/console/cases?policy=nel&sort=dueAt').expect(200);
    expect(heading(filtered.text, 'Due')?.slice(1)).toEqual([
      'ascending',
      '/console/cases?policy=nel&amp;sort=-dueAt',
    ]);
    expect(filtered.text).toContain('<input type="hidden" name="sort" value="dueAt">');
    expect(filtered.text).toContain('href="/console/cases.csv?policy=nel"');
    expect(filtered.text).toContain(refs.nel);
    expect(filtered.text).not.toContain(refs.kirklees);

    const unknown = await page(cookie, '/console/cases?sort=colour').expect(400);
    expect(unknown.text).toContain('sort: sort must be one of raisedAt, -raisedAt');
  });

  it('shows a case: people, stages with due dates, the chronology and the mail with its text', async () => {
    const { cookie } = await session(api.auditorKey);
    const shown = await page(cookie, `/console/cases/${refs.nel}`).expect(200);
    for (const text of [
      'Asha Patel',
      'Stage 1',
      'Chronology',
      'Escalation raised at stage 1',
      'Messages',
      'Text of the message',
    ])
      expect(shown.text).toContain(text);
    expect(shown.text).not.toContain('Act on the case');
    const rows = await logged(`/console/cases/${refs.nel}`);
    expect(rows.find((row) => row.status === 200)).toMatchObject({ caseRefs: [refs.nel] });
    const pdf = await page(cookie, `/console/cases/${refs.nel}/chronology.pdf`).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('lets an admin escalate through the casework path, the mail queued; refuses without the token or as an auditor', async () => {
    const admin = await session(api.adminKey);
    const act = (cookie: string, body: Record<string, string>) =>
      request(api.server)
        .post(`/console/cases/${refs.nel}/actions`)
        .set('Cookie', cookie)
        .type('form')
        .send(body);
    expect((await act(admin.cookie, { action: 'escalate', text: 'No agreement' })).status).toBe(
      403,
    );
    const auditor = await session(api.auditorKey);
    expect(
      (await act(auditor.cookie, { _csrf: auditor.csrf, action: 'escalate', text: 'x' })).status,
    ).toBe(403);
    const empty = await act(admin.cookie, { _csrf: admin.csrf, action: 'escalate', text: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('There is a problem');

    const before = await api.database.db.select().from(outbox);
    const done = await act(admin.cookie, {
      _csrf: admin.csrf,
      action: 'escalate',
      text: 'No agreement at stage 1',
    });
    expect(done.status).toBe(303);
    expect(done.headers['location']).toBe(`/console/cases/${refs.nel}?done=escalate`);
    const shown = await page(admin.cookie, done.headers['location'] as string).expect(200);
    expect(shown.text).toContain('Escalated. The people on the case have been told by email.');
    expect(shown.text).toContain('No agreement at stage 1');
    const after = await api.database.db
      .select({ id: outbox.id })
      .from(outbox)
      .innerJoin(messages, and(eq(messages.id, outbox.messageId)));
    expect(after.length).toBeGreaterThan(before.length);
  });

  it('signs out: the session is deleted and the cookie cleared', async () => {
    const { cookie, csrf } = await session(api.auditorKey);
    const out = await request(api.server)
      .post('/console/sign-out')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    expect(cookieLine(out.headers['set-cookie'], 'console_session')).toMatch(
      /^console_session=; .*Max-Age=0/,
    );
    expect((await page(cookie, '/console/overview')).status).toBe(303);
  });

  it('ends a session after 8 idle hours, after 7 days however used, and when its key is revoked', async () => {
    const start = api.clock.now;
    try {
      const idle = await session(api.auditorKey);
      api.clock.now = new Date(start.getTime() + 8 * HOUR + 60_000);
      expect((await page(idle.cookie, '/console/cases')).status).toBe(303);

      api.clock.now = start;
      const busy = await session(api.auditorKey);
      for (let hours = 7; hours < 7 * 24; hours += 7) {
        api.clock.now = new Date(start.getTime() + hours * HOUR);
        expect((await page(busy.cookie, '/console/cases')).status).toBe(200);
      }
      api.clock.now = new Date(start.getTime() + 7 * 24 * HOUR + 60_000);
      expect((await page(busy.cookie, '/console/cases')).status).toBe(303);

      api.clock.now = start;
      const keys = api.app.get(ApiKeyService);
      const made = await keys.create('auditor', 'short-lived', ['nel']);
      const revoked = await session(made.key);
      await keys.revoke(made.id);
      expect((await page(revoked.cookie, '/console/cases')).status).toBe(303);
    } finally {
      api.clock.now = start;
    }
  });

  it('lets an admin make keys within its scope, shown once, and revoke them; not an auditor', async () => {
    const operator = await session(api.adminKey);
    const made = await request(api.server)
      .post('/console/keys')
      .set('Cookie', operator.cookie)
      .type('form')
      .send(`_csrf=${operator.csrf}&label=NEL+chair&role=auditor&policies=nel`)
      .expect(201);
    const key = /id="new-key" readonly value="(esk_[^"]+)"/.exec(made.text)![1]!;
    const listed = await api.app.get(ApiKeyService).list();
    const row = listed.find((k) => k.label === 'NEL chair')!;
    expect(row).toMatchObject({ role: 'auditor', policies: ['nel'] });
    expect((await signIn(key)).status).toBe(303);

    // a partnership's admin makes auditor keys within its scope only
    const nelAdmin = (await api.app.get(ApiKeyService).create('admin', 'nel admin', ['nel'])).key;
    const scoped = await session(nelAdmin);
    const keysPage = await page(scoped.cookie, '/console/keys').expect(200);
    expect(keysPage.text).toContain('NEL chair');
    expect(keysPage.text).not.toContain('kirklees audit');
    const beyond = await request(api.server)
      .post('/console/keys')
      .set('Cookie', scoped.cookie)
      .type('form')
      .send(`_csrf=${scoped.csrf}&label=x&role=auditor&policies=kirklees`);
    expect(beyond.status).toBe(403);
    expect(beyond.text).toContain('within that scope only');

    await request(api.server)
      .post(`/console/keys/${row.id}/revoke`)
      .set('Cookie', scoped.cookie)
      .type('form')
      .send({ _csrf: scoped.csrf })
      .expect(303);
    expect((await signIn(key)).status).toBe(401);

    const auditor = await session(api.auditorKey);
    await page(auditor.cookie, '/console/keys').expect(403);
  });

  it("shows the calendars in use: a year's working days by month, its holidays, and the warning before one runs out", async () => {
    const { cookie } = await session(kirkleesKey);
    const shown = await page(
      cookie,
      '/console/calendars?calendar=england-and-wales&year=2026',
    ).expect(200);
    expect(shown.text).toContain('Christmas Day');
    expect(shown.text).toContain('Working days by month');
    expect(shown.text).not.toContain('Guernsey');
  });

  it('draws the reports as SVG with their figures beside them, the annual report as a page and a PDF, within scope', async () => {
    const { cookie } = await session(api.auditorKey);
    const shown = await page(cookie, '/console/reports?policy=nel').expect(200);
    expect(shown.text).toContain('<svg');
    expect(shown.text).toContain('Stage reached: cases that entered each stage');
    expect(shown.text).toContain('Practitioner to line manager');
    // the nel case's stage 1, due in November 2026, ended when the admin escalated it
    expect(shown.text).toContain('On-time rate by month');
    expect(shown.text).toMatch(/<svg[^>]*>[\s\S]*?November 2026[\s\S]*?<\/svg>/);
    expect(shown.text).toMatch(/<td[^>]*>November 2026<\/td>/);
    const annual = await page(cookie, '/console/reports/annual?policy=nel&year=2026').expect(200);
    expect(annual.text).toContain('Escalations in 2026');
    expect(annual.text).toContain('Escalations raised');
    const pdf = await page(cookie, '/console/reports/annual.pdf?policy=nel&year=2026').expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const [read] = await logged('/console/reports/annual?policy=nel&year=2026');
    expect(read).toMatchObject({ status: 200 });

    const scoped = await session(kirkleesKey);
    await page(scoped.cookie, '/console/reports?policy=nel').expect(404);
    await page(scoped.cookie, '/console/reports/annual?policy=nel&year=2026').expect(404);
    await page(cookie, '/console/reports/annual?policy=nel&year=20x6').expect(400);
  });

  it("serves GOV.UK Frontend's stylesheet and images under /console/assets, without GOV.UK's own typeface", async () => {
    const css = await request(api.server).get('/console/assets/govuk-frontend.min.css').expect(200);
    expect(css.text).toContain('.govuk-body');
    expect(css.text).toContain('font-family:arial,sans-serif');
    expect(css.text).not.toMatch(/GDS Transport/i);
    expect(css.text).not.toContain('@font-face');
    expect(css.text).not.toContain('/fonts/');
    expect(css.text).not.toContain('url(/assets/');
    await request(api.server).get('/console/assets/images/favicon.ico').expect(200);
    await request(api.server).get('/console/assets/manifest.json').expect(200);
    await request(api.server).get('/console/assets/fonts/light-94a07e06a1-v2.woff2').expect(404);
    await request(api.server).get('/console/assets/fonts/bold-b542beb274-v2.woff').expect(404);
    await request(api.server).get('/console/assets/govuk-frontend.min.js').expect(200);
  });
});

function cookieLine(header: unknown, name: string): string {
  const lines = (Array.isArray(header) ? header : [header]) as string[];
  const line = lines.find((c) => typeof c === 'string' && c.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie set`);
  return line;
}

function cookieOf(header: unknown, name: string): string {
  return cookieLine(header, name).split(';')[0]!;
}
