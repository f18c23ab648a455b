import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { chromium, type Browser, type Page } from 'playwright-core';
import request from 'supertest';
import { cases, messages, outbox } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { ApiKeyService } from '../auth/api-key.service';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/** Made by this test on each run, for the README. */
const SCREENSHOT = join(__dirname, '../../../../docs/console-overview.png');

/**
 * The console in a real browser: Debian's chromium, headless, with no network of its own
 * beyond the API on loopback (as a closed network needs). Every page is checked with axe.
 */
describe.each(testEngines())('the console in a browser on %s', (engine) => {
  let api: ApiHarness;
  let browser: Browser;
  let base = '';
  let late = '';
  let kirklees = '';
  let kirkleesKey = '';

  const open = async (policy: string, raisedAt?: string) => {
    const response = await request(api.server)
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .send({
        policy,
        caseName: 'Child M',
        agency: 'Riverside Primary School',
        otherAgency: "Children's Services",
        disagreement: 'Whether the referral meets the threshold for an assessment',
        raisedBy: { name: 'Asha Patel', email: 'asha.patel@riverside.example.org' },
        manager: { name: 'Ben Okoro', email: 'ben.okoro@riverside.example.org' },
        ...(raisedAt ? { raisedAt } : {}),
      })
      .expect(201);
    return (response.body as { ref: string }).ref;
  };

  /** No serious or critical accessibility problem on the page as it stands. */
  async function expectAccessible(page: Page): Promise<void> {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(serious).toEqual([]);
  }

  async function signIn(page: Page, key: string): Promise<void> {
    await page.goto(`${base}/console`);
    expect(page.url()).toBe(`${base}/console/sign-in`);
    await expectAccessible(page);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/console/overview`);
  }

  beforeAll(async () => {
    api = await startApiHarness(engine);
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    // raised in October with its real dates: stage 1 is long past due on 24 November
    late = await open('nel', '2026-10-01T10:00:00Z');
    kirklees = await open('kirklees');
    kirkleesKey = (
      await api.app.get(ApiKeyService).create('auditor', 'kirklees audit', ['kirklees'])
    ).key;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-default-apps',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it("signs in, shows the late case on the overview, its chronology, and an admin's escalation sends its mail; every page passes axe", async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await signIn(page, api.adminKey);

    const overdue = page.getByRole('table', { name: 'Overdue now' });
    await expect(overdue.getByRole('link', { name: late }).count()).resolves.toBe(1);
    await expectAccessible(page);
    if (engine === 'pglite') {
      mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    }

    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.waitForURL(`${base}/console/reports`);
    // stage reached, median days per stage, on time per category, on time by month due
    await expect(page.locator('svg.console-chart').count()).resolves.toBe(4);
    await expect(
      page
        .getByRole('img', { name: 'Share of stages on time, by the month they were due' })
        .count(),
    ).resolves.toBe(1);
    await expectAccessible(page);
    await page.getByRole('link', { name: /^Annual report for/ }).click();
    await page.waitForURL(/\/console\/reports\/annual\?/);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Calendars', exact: true }).click();
    await page.waitForURL(`${base}/console/calendars`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'API keys', exact: true }).click();
    await page.waitForURL(`${base}/console/keys`);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.waitForURL(`${base}/console/cases`);
    await expectAccessible(page);
    await page.getByRole('link', { name: late }).click();
    await page.waitForURL(`${base}/console/cases/${late}`);
    await expect(page.getByRole('heading', { name: 'Chronology' }).count()).resolves.toBe(1);
    const chronology = page.getByRole('table', { name: 'Chronology' });
    await expect(chronology.getByText('Escalation raised at stage 1').count()).resolves.toBe(1);
    await expectAccessible(page);

    const caseId = (
      await api.database.db.select({ id: cases.id }).from(cases).where(eq(cases.ref, late))
    )[0]!.id;
    const mailBefore = await mailOf(caseId);
    await page.getByLabel('Action').selectOption('escalate');
    await page.getByLabel('Reason, outcome or note').fill('No agreement between the managers');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(`${base}/console/cases/${late}?done=escalate`);
    await expect(
      page.getByText('Escalated. The people on the case have been told by email.').count(),
    ).resolves.toBe(1);
    await expectAccessible(page);
    const sent = (await mailOf(caseId)).filter(
      (mail) => !mailBefore.some((before) => before.id === mail.id),
    );
    expect(sent.map((mail) => mail.text).join('\n')).toContain('No agreement between the managers');
    expect(sent.flatMap((mail) => mail.to)).toContain('ben.okoro@riverside.example.org');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/console/sign-in?signedOut=1`);
    await expect(page.getByText('You have signed out.').count()).resolves.toBe(1);
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('console_session');
    await page.goto(`${base}/console/overview`);
    expect(page.url()).toBe(`${base}/console/sign-in`);
    await context.close();
  }, 240_000);

  it("refuses a partnership's auditor another partnership's case, as the API does (404)", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, kirkleesKey);
    await expect(page.getByText(kirklees).count()).resolves.toBe(0); // nothing overdue yet
    const answer = await page.goto(`${base}/console/cases/${late}`);
    expect(answer?.status()).toBe(404);
    await expect(page.getByText(`Case ${late} was not found.`).count()).resolves.toBe(1);
    await expectAccessible(page);
    const own = await page.goto(`${base}/console/cases/${kirklees}`);
    expect(own?.status()).toBe(200);
    await context.close();
  }, 240_000);

  /** The mail queued for a case: the outbox's messages, as their recipients will read them. */
  async function mailOf(caseId: string) {
    const rows = await api.database.db
      .select({ id: messages.id, raw: messages.raw })
      .from(outbox)
      .innerJoin(messages, eq(messages.id, outbox.messageId))
      .where(eq(messages.caseId, caseId));
    return Promise.all(
      rows.map(async (row) => {
        const parsed = await simpleParser(row.raw);
        const to = [parsed.to ?? []]
          .flat()
          .flatMap((address) => address.value.map((value) => value.address ?? ''));
        return { id: row.id, text: parsed.text ?? '', to };
      }),
    );
  }
});
