import { ServiceMetrics } from '@escalations/casework';
import { parsePrometheusText } from '@escalations/casework/testing';
import { InboundMessageRepository } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import type { MessageProcessor } from '../processing/message-processor';
import { startMailHarness, type MailHarness } from '../testing/mail-harness';
import { sampleEscalationForm } from '../testing/sample-case';

const MINUTE = 60_000;
const NEL = 'nel@escalations.localhost';

describe.each(testEngines())('the processor’s metrics, on %s', (engine) => {
  let mail: MailHarness;
  let metrics: ServiceMetrics;
  let processor: MessageProcessor;
  beforeAll(async () => {
    mail = await startMailHarness(engine);
    metrics = new ServiceMetrics();
    processor = mail.processorWith(
      { maxAttempts: 2, answersPerHour: 50, metrics },
      mail.caseworkFailingOn('POISON', 'refused'),
    );
  }, 60_000);
  afterAll(() => mail.close());

  const later = (ms: number) => {
    mail.clock.now = new Date(mail.clock.now.getTime() + ms);
  };
  const handled = async (kind: string, outcome: string) =>
    parsePrometheusText(await metrics.exposition()).find('escalations_inbound_messages_total', {
      kind,
      outcome,
    })[0]?.value ?? 0;

  it('counts each message by kind and outcome: processed, retried, set aside', async () => {
    await mail.deliver({
      from: 'metrics.raiser@school.example.org',
      to: NEL,
      subject: 'Escalation',
      text: sampleEscalationForm('Child M (PID 1)'),
    });
    await mail.deliver({
      from: 'metrics.raiser@school.example.org',
      to: NEL,
      subject: 'Escalation',
      text: sampleEscalationForm('Child POISON (PID 2)'),
    });
    await mail.deliver({
      from: 'Mail Delivery System <mailer-daemon@school.example.org>',
      to: NEL,
      subject: 'Automatic reply: Escalation',
      text: 'I am out of the office until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(await processor.runOnce()).toBe(3);
    expect(await handled('escalation', 'processed')).toBe(1);
    expect(await handled('automatic', 'processed')).toBe(1);
    expect(await handled('unclassified', 'retried')).toBe(1);
    const text = parsePrometheusText(await metrics.exposition());
    expect(text.value('escalations_inbound_processing_seconds_count', { kind: 'escalation' })).toBe(
      1,
    );

    // its last attempt: set aside
    later(60 * MINUTE);
    expect(await processor.runOnce()).toBe(1);
    expect(await handled('unclassified', 'set-aside')).toBe(1);
  });

  it('counts a message whose attempts all ended without a word as set aside', async () => {
    await mail.deliver({
      from: 'crash.raiser@school.example.org',
      to: NEL,
      subject: 'Escalation',
      text: sampleEscalationForm('Child C (PID 3)'),
    });
    // a processor that takes the message and dies on it, as often as it may be tried
    const repository = new InboundMessageRepository();
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const leaseUntil = new Date(mail.clock.now.getTime() + 5 * MINUTE);
      expect(await repository.lease(mail.database.db, mail.clock.now, leaseUntil, 20)).toHaveLength(
        1,
      );
      later(6 * MINUTE);
    }
    expect(await processor.runOnce()).toBe(0);
    expect(await handled('unclassified', 'set-aside')).toBe(2);
  });
});
