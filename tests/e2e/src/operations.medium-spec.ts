import { parsePrometheusText, type Exposition } from '@escalations/casework/testing';
import { testEngines } from '@escalations/db/testing';
import request from 'supertest';
import { escalationForm, mailbox, person } from './support/case-flow';
import { ADMIN_KEY, METRICS_TOKEN, startService, type RunningService } from './support/service';

/**
 * What an operator's Prometheus and probes see of the whole service as `npm start` runs it:
 * after an email is processed and a deadline sweep ran, both /metrics (the API's, behind
 * METRICS_TOKEN, and the mail role's own port) hold every named series, from the one
 * registry the roles share in one process, and both roles are live and ready.
 */

const raiser = person('Asha Patel', 'asha.patel@grange-ops.example');
const manager = person('Dan Reed', 'dan.reed@grange-ops.example');
const other = person('Sam Cole', 'sam.cole@council-ops.example');
const CHILD = 'Child O (PID 77001)';

/** Every series README lists, as its sample names: a histogram by its _count. */
const SERIES = [
  'escalations_inbound_messages_total',
  'escalations_inbound_processing_seconds_count',
  'escalations_queue_depth',
  'escalations_inbound_oldest_waiting_seconds',
  'escalations_mail_sent_total',
  'escalations_scheduler_sweep_seconds_count',
  'escalations_scheduler_actions_total',
  'escalations_open_cases',
  'escalations_overdue_stages',
  'escalations_calendar_days_left',
  'escalations_http_request_duration_seconds_count',
  'escalations_database_up',
  'process_cpu_user_seconds_total',
];

describe.each(testEngines())('metrics and probes of the whole service, on %s', (engine) => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startService(engine, new Date('2026-11-24T10:00:00Z'));
  }, 120_000);
  afterAll(() => service?.stop());

  const scrape = async (base: string): Promise<{ text: string; metrics: Exposition }> => {
    const response = await request(base)
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    return { text: response.text, metrics: parsePrometheusText(response.text) };
  };

  it('holds every named series on both ports after an email and a sweep', async () => {
    await service.deliver({
      from: mailbox(raiser),
      to: 'nel@escalations.localhost',
      subject: 'Escalation',
      text: escalationForm({
        caseName: CHILD,
        agency: 'Grange Primary School',
        otherAgency: "Children's Services",
        disagreement: 'The referral was closed without an assessment.',
        category: 'referral thresholds',
        manager,
        otherPractitioner: other,
        outcomeSought: 'A strategy discussion this week.',
      }),
    });
    await service.settle();
    await request(service.apiUrl)
      .post('/api/v1/scheduler/run')
      .set('Authorization', `Bearer ${ADMIN_KEY}`)
      .expect(200);

    const api = await scrape(service.apiUrl);
    const mail = await scrape(service.operationsUrl);
    for (const { metrics } of [api, mail]) {
      for (const name of SERIES)
        expect([name, metrics.find(name).length > 0]).toEqual([name, true]);
      expect(
        metrics.value('escalations_inbound_messages_total', {
          kind: 'escalation',
          outcome: 'processed',
        }),
      ).toBe(1);
      expect(metrics.value('escalations_open_cases', { policy: 'nel', stage: '1' })).toBe(1);
      expect(metrics.value('escalations_mail_sent_total')).toBeGreaterThan(0);
      // the start-up sweep and the one asked for
      expect(metrics.value('escalations_scheduler_sweep_seconds_count')).toBeGreaterThanOrEqual(2);
      expect(
        metrics.value('escalations_http_request_duration_seconds_count', {
          method: 'POST',
          route: '/api/v1/scheduler/run',
          status: '200',
        }),
      ).toBe(1);
    }
    // one registry: the same series behind both doors
    const names = ({ metrics }: { metrics: Exposition }) =>
      [...new Set(metrics.samples.map((sample) => sample.name))].sort();
    expect(names(mail)).toEqual(names(api));
    for (const { text } of [api, mail]) {
      for (const personal of [CHILD, 'Child O', raiser.email, 'asha', 'Grange', 'NEL-2026'])
        expect(text).not.toContain(personal);
    }
  });

  it('is live and ready on both ports, and asks for the token on both', async () => {
    for (const base of [service.apiUrl, service.operationsUrl]) {
      await request(base).get('/health/live').expect(200, { status: 'live' });
      const ready = await request(base).get('/health/ready').expect(200);
      expect(ready.body).toMatchObject({ status: 'ready', database: 'ok' });
      await request(base).get('/metrics').expect(401);
    }
  });
});
