import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServiceConfig } from '@escalations/casework';
import { parsePrometheusText, testMailSettings } from '@escalations/casework/testing';
import { outbox } from '@escalations/db';
import {
  createTestDatabase,
  memoryLog,
  testEngines,
  type TestDatabase,
} from '@escalations/db/testing';
import { and, eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { startMailRole, type RunningMailRole } from '../start-mail';
import { CaptureSmtpServer } from '../testing/capture-smtp-server';
import { policyLibrary } from '../testing/mail-harness';
import { sampleEscalationForm } from '../testing/sample-case';
import { LOOPBACK_SPF, TestDnsServer } from '../testing/test-dns-server';

const TOKEN = 'metrics-token-0123456789abcdefghijklmnop';

describe.each(testEngines())('the mail role’s own port, on %s', (engine) => {
  let database: TestDatabase;
  let world: CaptureSmtpServer;
  let dns: TestDnsServer;
  let dataDir: string;
  let role: RunningMailRole;
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    world = new CaptureSmtpServer();
    dns = new TestDnsServer({ senderDefault: LOOPBACK_SPF });
    dataDir = await mkdtemp(join(tmpdir(), 'mail-operations-'));
    const config = loadServiceConfig({
      DATA_DIR: dataDir,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: '0',
      SMTP_URL: await world.start(),
      DNS_SERVERS: await dns.start(),
      MAIL_METRICS_HOST: '127.0.0.1',
      MAIL_METRICS_PORT: '0',
      METRICS_TOKEN: TOKEN,
    });
    role = await startMailRole({
      config,
      database: database.db,
      library: policyLibrary(),
      mail: testMailSettings(),
      clock: () => new Date(),
      log: memoryLog('mail').log,
    });
    base = `http://${role.operations}`;
  }, 60_000);
  afterAll(async () => {
    await role.stop();
    await world.stop();
    await dns.stop();
    await database.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  const get = (path: string, token?: string) =>
    fetch(`${base}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  const scrape = async () => {
    const response = await get('/metrics', TOKEN);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('version=0.0.4');
    const text = await response.text();
    return { text, metrics: parsePrometheusText(text) };
  };

  it('answers /health/live, and /health/ready when the database and migrations are', async () => {
    const live = await get('/health/live');
    expect([live.status, await live.json()]).toEqual([200, { status: 'live' }]);
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', migrations: { pending: [] } });
  });

  it('is not ready while a migration is not applied', async () => {
    const [latest] = await rowsOf<{ id: number; hash: string; created_at: string }>(
      sql`select id, hash, created_at::text from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    await database.db.execute(
      sql`delete from drizzle.__drizzle_migrations where id = ${latest!.id}`,
    );
    try {
      const response = await get('/health/ready');
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        error: { code: 'not-ready', details: { migrations: { pending: [expect.any(String)] } } },
      });
    } finally {
      await database.db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${latest!.id}, ${latest!.hash}, ${latest!.created_at}::bigint)`,
      );
    }
    expect((await get('/health/ready')).status).toBe(200);
  });

  it('asks for METRICS_TOKEN on /metrics: 401 without it', async () => {
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/metrics', `${TOKEN}x`)).status).toBe(401);
    expect((await get('/elsewhere')).status).toBe(404);
  });

  it('counts the escalation processed, its case, and the mail sent and refused', async () => {
    // the world's server refuses the first delivery for now: the acknowledgement waits
    world.refuseNext = 1;
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: Number(role.smtpAddress.split(':').at(-1)),
      secure: false,
      ignoreTLS: true,
    });
    await client.sendMail({
      from: 'Asha Patel <asha.patel@school.example.org>',
      to: 'nel@escalations.localhost',
      subject: 'Escalation',
      text: sampleEscalationForm(),
    });
    client.close();
    // every queued message tried once: the first refused, any others sent
    await waitFor(async () => {
      const { metrics } = await scrape();
      const untried = await rowsOf<{ n: number }>(
        sql`select count(*)::int as n from outbox where attempts = 0 and status = 'pending'`,
      );
      return (
        metrics.find('escalations_mail_send_failures_total', { permanence: 'temporary' })[0]
          ?.value === 1 &&
        metrics.find('escalations_inbound_messages_total', { kind: 'escalation' }).length > 0 &&
        // the database's counts are read at most once a second: wait for one after the case
        metrics.value('escalations_open_cases', { policy: 'nel', stage: '1' }) === 1 &&
        untried[0]!.n === 0
      );
    });
    const { text, metrics } = await scrape();
    expect(
      metrics.value('escalations_inbound_messages_total', {
        kind: 'escalation',
        outcome: 'processed',
      }),
    ).toBe(1);
    expect(
      metrics.value('escalations_inbound_processing_seconds_count', { kind: 'escalation' }),
    ).toBe(1);
    expect(metrics.types.get('escalations_inbound_processing_seconds')).toBe('histogram');
    expect(metrics.value('escalations_open_cases', { policy: 'nel', stage: '1' })).toBe(1);
    expect(metrics.value('escalations_queue_depth', { queue: 'inbound-waiting' })).toBe(0);
    expect(metrics.value('escalations_queue_depth', { queue: 'inbound-set-aside' })).toBe(0);
    const pending = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(outbox)
      .where(eq(outbox.status, 'pending'));
    const sent = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(outbox)
      .where(and(eq(outbox.status, 'sent')));
    expect(pending[0]!.n).toBeGreaterThan(0);
    expect(metrics.value('escalations_queue_depth', { queue: 'outbox-pending' })).toBe(
      pending[0]!.n,
    );
    expect(metrics.value('escalations_mail_sent_total')).toBe(sent[0]!.n);
    expect(
      metrics.value('escalations_calendar_days_left', { calendar: 'england-and-wales' }),
    ).toBeGreaterThan(0);
    const ref = (await rowsOf<{ ref: string }>(sql`select ref from cases`))[0]!.ref;
    for (const personal of [ref, 'asha.patel', 'Child A', 'Grange']) {
      expect(text).not.toContain(personal);
    }
  });

  async function rowsOf<T>(statement: ReturnType<typeof sql>): Promise<T[]> {
    const result: unknown = await database.db.execute(statement);
    return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
  }
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
