import { parsePrometheusText } from '../testing/prometheus-text';
import { carriesMetricsToken } from './metrics-token';
import { ServiceMetrics } from './service-metrics';

describe('ServiceMetrics: what is recorded as it happens', () => {
  it('exposes the counters and histograms in the text format, with their labels', async () => {
    const metrics = new ServiceMetrics();
    metrics.inboundHandled('escalation', 'processed', 0.2);
    metrics.inboundHandled(null, 'retried', 0.01);
    metrics.mailSent();
    metrics.mailSendFailed(false);
    metrics.mailSendFailed(true);
    metrics.sweepDone(0.3, { reminder: 2, breach: 1, failed: 0 });
    metrics.httpRequest('GET', '/api/v1/cases/:ref', 200, 0.004);
    const text = parsePrometheusText(await metrics.exposition());
    expect(text.types.get('escalations_inbound_messages_total')).toBe('counter');
    expect(
      text.value('escalations_inbound_messages_total', {
        kind: 'escalation',
        outcome: 'processed',
      }),
    ).toBe(1);
    expect(
      text.value('escalations_inbound_messages_total', {
        kind: 'unclassified',
        outcome: 'retried',
      }),
    ).toBe(1);
    expect(text.value('escalations_inbound_processing_seconds_count', { kind: 'escalation' })).toBe(
      1,
    );
    expect(text.value('escalations_mail_sent_total')).toBe(1);
    expect(text.value('escalations_mail_send_failures_total', { permanence: 'permanent' })).toBe(1);
    expect(text.value('escalations_scheduler_sweep_seconds_count')).toBe(1);
    expect(text.value('escalations_scheduler_actions_total', { action: 'reminder' })).toBe(2);
    expect(text.value('escalations_scheduler_actions_total', { action: 'failed' })).toBe(0);
    expect(
      text.value('escalations_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/v1/cases/:ref',
        status: '200',
      }),
    ).toBe(1);
  });

  it('reads nothing from a database it has not been given', async () => {
    const text = parsePrometheusText(await new ServiceMetrics().exposition());
    expect(text.find('escalations_queue_depth')).toEqual([]);
    expect(text.find('escalations_open_cases')).toEqual([]);
  });

  it('adds Node’s own series when asked', async () => {
    const text = parsePrometheusText(
      await new ServiceMetrics({ processMetrics: true }).exposition(),
    );
    expect(text.find('process_cpu_user_seconds_total')).toHaveLength(1);
  });
});

describe('parsePrometheusText', () => {
  it.each([['escalations_x{kind="a" 1'], ['escalations_x one'], ['# TYPE escalations_x counters']])(
    'refuses %s',
    (line) => {
      expect(() => parsePrometheusText(`${line}\n`)).toThrow(/line 1/);
    },
  );
});

describe('carriesMetricsToken', () => {
  const token = 't'.repeat(40);
  it.each([
    [`Bearer ${token}`, true],
    [`bearer ${token}`, true],
    [undefined, false],
    ['', false],
    [token, false],
    [`Bearer ${token}x`, false],
    [`Basic ${token}`, false],
  ])('%s: %s', (header, expected) => {
    expect(carriesMetricsToken(header, token)).toBe(expected);
  });
});
