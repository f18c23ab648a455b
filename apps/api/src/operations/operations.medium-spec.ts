import request from 'supertest';
import { InboundStore } from '@escalations/casework';
import { parsePrometheusText } from '@escalations/casework/testing';
import { testEngines } from '@escalations/db/testing';
import { sql } from 'drizzle-orm';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

const TOKEN = 'metrics-token-0123456789abcdefghijklmnop';
const RAISED = '2026-11-24T10:00:00Z';

const form = (policy: string) => ({
  policy,
  caseName: 'Child A (NHS 943 476 5919)',
  agency: 'Grange Primary School',
  otherAgency: "Children's Services",
  disagreement: 'Whether the referral meets the threshold for a child and family assessment',
  raisedBy: { name: 'Asha Patel', email: 'asha.patel@school.example.org' },
  manager: { name: 'Ben Okafor', email: 'ben.okafor@school.example.org' },
  otherPractitioner: { name: 'Cara Lee', email: 'cara.lee@council.example.gov.uk' },
  raisedAt: RAISED,
});

describe.each(testEngines())('the API’s probes and metrics, on %s', (engine) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(engine, new Date(RAISED), {
      operations: { metricsToken: TOKEN, readyMaxInboundAgeSeconds: 300 },
    });
  }, 60_000);
  afterAll(() => api.close());

  const scrape = async () => {
    const response = await request(api.server)
      .get('/metrics')
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain;/);
    expect(response.headers['content-type']).toContain('version=0.0.4');
    return { text: response.text, metrics: parsePrometheusText(response.text) };
  };

  describe('/health/live', () => {
    it('answers 200 without a key', async () => {
      await request(api.server).get('/health/live').expect(200, { status: 'live' });
    });
  });

  describe('/health/ready', () => {
    it('is ready when the database answers, migrations are current and no mail waits', async () => {
      const response = await request(api.server).get('/health/ready').expect(200);
      expect(response.body).toEqual({
        status: 'ready',
        database: 'ok',
        migrations: { pending: [] },
        inbound: { waiting: 0, oldestWaitingSeconds: null, limitSeconds: 300 },
        problems: [],
      });
    });

    it('is not ready while a migration this build carries is not applied, naming it', async () => {
      const [latest] = await rows<{ id: number; hash: string; created_at: string }>(
        api,
        sql`select id, hash, created_at::text from drizzle.__drizzle_migrations order by created_at desc limit 1`,
      );
      await api.database.db.execute(
        sql`delete from drizzle.__drizzle_migrations where id = ${latest!.id}`,
      );
      try {
        const response = await request(api.server).get('/health/ready').expect(503);
        expect(response.body.error).toMatchObject({
          code: 'not-ready',
          message: expect.stringMatching(/^migrations not applied: \d{4}_[\w-]+$/),
          details: { status: 'not-ready', migrations: { pending: [expect.any(String)] } },
        });
      } finally {
        await api.database.db.execute(
          sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${latest!.id}, ${latest!.hash}, ${latest!.created_at}::bigint)`,
        );
      }
      await request(api.server).get('/health/ready').expect(200);
    });

    it('is not ready once an inbound message has waited over READY_MAX_INBOUND_AGE_SECONDS', async () => {
      const store = new InboundStore(api.database.db, () => api.clock.now);
      api.clock.now = new Date('2026-11-24T10:00:00Z');
      const stored = await store.store(Buffer.from('Subject: waiting\r\n\r\nwaiting\r\n'), {
        via: 'api',
        mailFrom: null,
        rcptTo: [],
        remoteAddress: null,
        helo: null,
      });
      try {
        api.clock.now = new Date('2026-11-24T10:05:00Z');
        const inTime = await request(api.server).get('/health/ready').expect(200);
        expect(inTime.body.inbound).toEqual({
          waiting: 1,
          oldestWaitingSeconds: 300,
          limitSeconds: 300,
        });
        api.clock.now = new Date('2026-11-24T10:05:01Z');
        const late = await request(api.server).get('/health/ready').expect(503);
        expect(late.body.error.message).toBe(
          'an inbound message has waited 301 s to be processed, over READY_MAX_INBOUND_AGE_SECONDS (300 s)',
        );
      } finally {
        await api.database.db.execute(
          sql`update messages set status = 'processed' where id = ${stored.id}`,
        );
        api.clock.now = new Date(RAISED);
      }
      await request(api.server).get('/health/ready').expect(200);
    });
  });

  describe('/metrics', () => {
    it('asks for METRICS_TOKEN as a bearer: 401 without it or with another', async () => {
      const none = await request(api.server).get('/metrics').expect(401);
      expect(none.body.error.code).toBe('unauthorized');
      await request(api.server)
        .get('/metrics')
        .set('Authorization', `Bearer ${TOKEN}x`)
        .expect(401);
      // an API key is not the metrics token
      await request(api.server)
        .get('/metrics')
        .set('Authorization', `Bearer ${api.adminKey}`)
        .expect(401);
    });

    it('counts open cases and overdue stages, the sweep and its actions, and calendars’ days', async () => {
      const auth = { Authorization: `Bearer ${api.adminKey}` };
      const opened = await request(api.server)
        .post('/api/v1/cases')
        .set(auth)
        .send(form('kirklees'))
        .expect(201);
      const ref = opened.body.ref as string;
      const dueAt = new Date(opened.body.stages[0].dueAt as string);
      // past the due instant: kirklees' breach notifies and leaves the stage open, overdue
      api.clock.now = new Date(dueAt.getTime() + 1000);
      const swept = await request(api.server).post('/api/v1/scheduler/run').set(auth).expect(200);
      expect(swept.body.breaches).toEqual([`${ref} stage 1`]);
      await request(api.server).get(`/api/v1/cases/${ref}`).set(auth).expect(200);
      await request(api.server).get('/api/v1/nothing-here').set(auth).expect(404);

      const { text, metrics } = await scrape();
      expect(metrics.value('escalations_open_cases', { policy: 'kirklees', stage: '1' })).toBe(1);
      expect(metrics.value('escalations_open_cases', { policy: 'nel', stage: '1' })).toBe(0);
      expect(metrics.value('escalations_overdue_stages', { policy: 'kirklees', stage: '1' })).toBe(
        1,
      );
      expect(metrics.value('escalations_scheduler_sweep_seconds_count')).toBe(1);
      expect(metrics.value('escalations_scheduler_actions_total', { action: 'breach' })).toBe(1);
      expect(metrics.value('escalations_scheduler_actions_total', { action: 'reminder' })).toBe(0);
      expect(metrics.value('escalations_queue_depth', { queue: 'outbox-pending' })).toBe(
        (await rows<{ n: number }>(api, sql`select count(*)::int as n from outbox`))[0]!.n,
      );
      expect(metrics.value('escalations_queue_depth', { queue: 'inbound-waiting' })).toBe(0);
      expect(metrics.value('escalations_inbound_oldest_waiting_seconds')).toBe(0);
      expect(metrics.value('escalations_database_up')).toBe(1);
      // kirklees counts in england-and-wales, whose holidays run to 2030-12-31
      const today = api.clock.now.toISOString().slice(0, 10);
      expect(
        metrics.value('escalations_calendar_days_left', { calendar: 'england-and-wales' }),
      ).toBe((Date.parse('2030-12-31') - Date.parse(today)) / 86_400_000);
      // requests by route pattern and status; never the URL itself, so never a reference
      expect(
        metrics.value('escalations_http_request_duration_seconds_count', {
          method: 'GET',
          route: '/api/v1/cases/:ref',
          status: '200',
        }),
      ).toBe(1);
      expect(
        metrics.value('escalations_http_request_duration_seconds_count', {
          method: 'POST',
          route: '/api/v1/cases',
          status: '201',
        }),
      ).toBe(1);
      expect(
        metrics.find('escalations_http_request_duration_seconds_count', {
          route: 'unmatched',
          status: '404',
        }),
      ).toHaveLength(1);
      expect(text).not.toContain(ref);
      expect(text).not.toContain('nothing-here');
      expect(text).not.toContain('asha.patel');
    });
  });
});

describe.each(testEngines())('the API without METRICS_TOKEN, on %s', (engine) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(engine);
  }, 60_000);
  afterAll(() => api.close());

  it('serves no /metrics: its address is the public one', async () => {
    const response = await request(api.server)
      .get('/metrics')
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(404);
    expect(response.body.error.message).toContain('METRICS_TOKEN');
  });

  it('still answers its probes', async () => {
    await request(api.server).get('/health/live').expect(200);
    await request(api.server).get('/health/ready').expect(200);
  });
});

async function rows<T>(api: ApiHarness, statement: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await api.database.db.execute(statement);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
