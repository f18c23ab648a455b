import { OperationsRepository, type Database } from '@escalations/db';
import { daysLeftInCalendars, type PolicyLibrary } from '@escalations/domain';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the counts read on scrape come from: one database, the policies in force, the clock. */
export interface ObservedService {
  database: Database;
  library: PolicyLibrary;
  clock: () => Date;
}

export type InboundOutcome = 'processed' | 'retried' | 'set-aside';
export type SweepAction =
  'reminder' | 'breach' | 'overall-limit' | 'digest' | 'calendar-change' | 'skipped' | 'failed';

/** A message that failed before the processor could tell what it was. */
export const UNCLASSIFIED = 'unclassified';

interface Snapshot {
  queues: Awaited<ReturnType<OperationsRepository['queueDepths']>>;
  open: Awaited<ReturnType<OperationsRepository['openCasesByStage']>>;
  overdue: Awaited<ReturnType<OperationsRepository['overdueStages']>>;
  now: Date;
}

/** One scrape reads the database once, however many series it fills. */
const SNAPSHOT_MS = 1000;

/**
 * The service's Prometheus series, on a registry of its own (one per process: when every
 * role runs in one, the API and the mail role record onto the same one and both serve it).
 * Counters and histograms are recorded as things happen; the queue depths, open cases and
 * overdue stages are read from the database on scrape, in one round of aggregate queries.
 * Labels carry policy ids, stage numbers, calendar ids, kinds and route patterns, never a
 * case's reference or a person's name or address.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly operations = new OperationsRepository();
  private observed: ObservedService | null = null;
  private snapshot: { at: number; value: Promise<Snapshot | null> } | null = null;

  private readonly inboundMessages = new Counter({
    name: 'escalations_inbound_messages_total',
    help: 'Inbound messages handled, by what they were and what became of them',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly processingSeconds = new Histogram({
    name: 'escalations_inbound_processing_seconds',
    help: 'Time to process one inbound message',
    labelNames: ['kind'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly mailSentTotal = new Counter({
    name: 'escalations_mail_sent_total',
    help: 'Outgoing messages sent',
    registers: [this.registry],
  });
  private readonly sendFailures = new Counter({
    name: 'escalations_mail_send_failures_total',
    help: 'Attempts to send outgoing mail that failed: temporary (tried again) or permanent (given up)',
    labelNames: ['permanence'] as const,
    registers: [this.registry],
  });
  private readonly sweepSeconds = new Histogram({
    name: 'escalations_scheduler_sweep_seconds',
    help: 'Duration of deadline sweeps',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  private readonly sweepActions = new Counter({
    name: 'escalations_scheduler_actions_total',
    help: 'What deadline sweeps did',
    labelNames: ['action'] as const,
    registers: [this.registry],
  });
  private readonly httpSeconds = new Histogram({
    name: 'escalations_http_request_duration_seconds',
    help: 'API requests by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    // process_* and nodejs_*: off in tests, which make many of these in one process
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
    const up: Gauge = new Gauge({
      name: 'escalations_database_up',
      help: '1 when the queries of this scrape answered, else 0',
      registers: [this.registry],
      collect: async () => {
        if (this.observed) up.set((await this.read()) ? 1 : 0);
      },
    });
    const queueDepth: Gauge<'queue'> = new Gauge({
      name: 'escalations_queue_depth',
      help: 'Inbound messages waiting or set aside, and outgoing messages not yet sent',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      collect: async () => {
        queueDepth.reset();
        const queues = (await this.read())?.queues;
        if (!queues) return;
        queueDepth.set({ queue: 'inbound-waiting' }, queues.inboundWaiting);
        queueDepth.set({ queue: 'inbound-set-aside' }, queues.inboundSetAside);
        queueDepth.set({ queue: 'outbox-pending' }, queues.outboxPending);
      },
    });
    const oldestWaiting: Gauge = new Gauge({
      name: 'escalations_inbound_oldest_waiting_seconds',
      help: 'How long the longest-waiting inbound message has been due for processing (0: none)',
      registers: [this.registry],
      collect: async () => {
        oldestWaiting.reset();
        const snapshot = await this.read();
        if (snapshot)
          oldestWaiting.set(secondsSince(snapshot.queues.oldestWaitingSince, snapshot.now));
      },
    });
    const openCases: Gauge<'policy' | 'stage'> = new Gauge({
      name: 'escalations_open_cases',
      help: 'Open cases by policy and the stage each is at',
      labelNames: ['policy', 'stage'] as const,
      registers: [this.registry],
      collect: async () => {
        openCases.reset();
        const open = (await this.read())?.open;
        if (!open) return;
        // every policy's every stage, at 0 when empty: an absent series is not a zero
        for (const labels of this.everyStage()) openCases.set(labels, 0);
        for (const row of open)
          openCases.set({ policy: row.policyId, stage: String(row.stage) }, row.cases);
      },
    });
    const overdueStages: Gauge<'policy' | 'stage'> = new Gauge({
      name: 'escalations_overdue_stages',
      help: 'Stages still open past their due instant, by policy and stage',
      labelNames: ['policy', 'stage'] as const,
      registers: [this.registry],
      collect: async () => {
        overdueStages.reset();
        const overdue = (await this.read())?.overdue;
        if (!overdue) return;
        for (const labels of this.everyStage()) overdueStages.set(labels, 0);
        for (const row of overdue)
          overdueStages.set({ policy: row.policyId, stage: String(row.stage) }, row.stages);
      },
    });
    const daysLeft: Gauge<'calendar'> = new Gauge({
      name: 'escalations_calendar_days_left',
      help: 'Days until each calendar in use runs out of known holidays (below zero: run out)',
      labelNames: ['calendar'] as const,
      registers: [this.registry],
      collect: () => {
        daysLeft.reset();
        if (!this.observed) return;
        const { library, clock } = this.observed;
        for (const calendar of daysLeftInCalendars(library, clock()))
          daysLeft.set({ calendar: calendar.calendar }, calendar.daysLeft);
      },
    });
  }

  /** Where the counts read on scrape come from; the first role to start gives it, once. */
  observe(service: ObservedService): void {
    this.observed ??= service;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text a scrape gets. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  inboundHandled(kind: string | null, outcome: InboundOutcome, seconds?: number): void {
    const label = kind ?? UNCLASSIFIED;
    this.inboundMessages.inc({ kind: label, outcome });
    if (seconds !== undefined) this.processingSeconds.observe({ kind: label }, seconds);
  }

  mailSent(): void {
    this.mailSentTotal.inc();
  }

  mailSendFailed(permanent: boolean): void {
    this.sendFailures.inc({ permanence: permanent ? 'permanent' : 'temporary' });
  }

  sweepDone(seconds: number, actions: Partial<Record<SweepAction, number>>): void {
    this.sweepSeconds.observe(seconds);
    for (const [action, count] of Object.entries(actions)) {
      // every action's series exists from the first sweep, so a rate over it is never absent
      this.sweepActions.inc({ action }, count ?? 0);
    }
  }

  /** `route` is the route's pattern (`/api/v1/cases/:ref`), never the URL it was called with. */
  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpSeconds.observe({ method, route, status: String(status) }, seconds);
  }

  private everyStage(): { policy: string; stage: string }[] {
    if (!this.observed) return [];
    return [...this.observed.library.policies.values()].flatMap((policy) =>
      policy.stages.map((_, index) => ({ policy: policy.id, stage: String(index + 1) })),
    );
  }

  private read(): Promise<Snapshot | null> {
    const observed = this.observed;
    if (!observed) return Promise.resolve(null);
    const at = Date.now();
    if (this.snapshot && at - this.snapshot.at < SNAPSHOT_MS) return this.snapshot.value;
    const value = (async () => {
      const now = observed.clock();
      try {
        const [queues, open, overdue] = await Promise.all([
          this.operations.queueDepths(observed.database, now),
          this.operations.openCasesByStage(observed.database),
          this.operations.overdueStages(observed.database, now),
        ]);
        return { queues, open, overdue, now };
      } catch {
        // the scrape still answers: escalations_database_up says why the counts are missing
        return null;
      }
    })();
    this.snapshot = { at, value };
    return value;
  }
}

function secondsSince(since: Date | null, now: Date): number {
  return since ? Math.max(0, (now.getTime() - since.getTime()) / 1000) : 0;
}
