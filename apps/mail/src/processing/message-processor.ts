import { AnswerMailer } from '@escalations/casework';
import { InboundMessageRepository } from '@escalations/db';
import { calendarOf, type PolicyFile } from '@escalations/domain';
import { nextAttemptAt } from '../retry-backoff';
import { CommandConfirmation } from './command-confirmation';
import { describeFailure } from './describe-failure';
import { fail, setAsideAbandoned } from './pipeline/answer';
import type {
  PipelineContext,
  ProcessorDependencies,
  ProcessorOptions,
} from './pipeline/pipeline-context';
import { finishPipelines, preparePipelines, type PreparedMessages } from './pipeline/run-pipeline';

export type { ProcessorDependencies, ProcessorOptions } from './pipeline/pipeline-context';

/** How often a processor looks for messages whose last attempt was abandoned. */
export const ABANDONED_CHECK_MS = 10_000;

/**
 * The most mail a lease takes, counted in the messages' bytes (the oldest is always taken,
 * however large): a lease's messages are parsed and held together, and twenty of the
 * largest a sender may send (MAX_MESSAGE_BYTES, 25 MB) would not fit the heap's ceiling.
 */
export const LEASE_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Works through stored inbound mail, each message through the pipeline (pipeline/): parsed,
 * classified, routed, its sender verified, interpreted, acted on and answered. Automatic
 * mail is recorded and never answered; everything a person sent that changes nothing gets
 * an answer saying why. A message that makes it throw is retried a few times, then set
 * aside for an administrator; it never blocks the queue.
 */
export class MessageProcessor {
  private readonly inbound = new InboundMessageRepository();
  private readonly context: PipelineContext;
  /** when this processor last looked for messages whose attempts ran out unseen */
  private abandonedCheckedAt = -Infinity;

  constructor(deps: ProcessorDependencies, options: ProcessorOptions) {
    const zoneOf = (policy: PolicyFile) => calendarOf(deps.library, policy).zone;
    const answers = new AnswerMailer(deps.mail, options.answersPerHour, zoneOf);
    const confirmation = new CommandConfirmation({ ...deps, answers, zoneOf });
    this.context = { ...deps, options, answers, confirmation };
  }

  private get options(): ProcessorOptions {
    return this.context.options;
  }

  /** Process one lease of what is due now; returns how many messages were taken. */
  runOnce(limit = 20, maxBytes = LEASE_MAX_BYTES): Promise<number> {
    return this.runLeases(limit, maxBytes, 1);
  }

  /**
   * Leases back to back while the queue stays full, up to `maxLeases`: the next is taken and
   * prepared (parsed, its senders checked) while the one before it is acted on, so neither
   * the process nor the database waits on the other, and the acts stay in arrival order.
   * The two leases in hand together hold no more than one lease may: the next is taken early
   * only when the one before holds under half the byte budget, and takes at most half.
   * Returns how many messages were taken.
   */
  async runLeases(limit = 20, maxBytes = LEASE_MAX_BYTES, maxLeases = 10): Promise<number> {
    let lease = await this.take(limit, maxBytes);
    let taken = 0;
    let failure: { error: unknown } | null = null;
    for (let leases = 1; lease.messages.length > 0; leases++) {
      taken += lease.messages.length;
      const ahead: boolean =
        !failure &&
        leases < maxLeases &&
        lease.messages.length === limit &&
        lease.bytes < maxBytes / 2;
      const [finished, next]: [
        PromiseSettledResult<void>,
        PromiseSettledResult<PreparedLease | null>,
      ] = await Promise.allSettled([
        this.finish(lease),
        ahead ? this.take(limit, maxBytes / 2) : null,
      ]);
      // what was taken early is still acted on: left leased, it would wait out its lease
      if (finished.status === 'rejected') failure ??= { error: finished.reason };
      if (next.status === 'rejected') failure ??= { error: next.reason };
      if (next.status === 'rejected' || !next.value) break;
      lease = next.value;
    }
    if (failure) throw failure.error;
    return taken;
  }

  /** Leases what is due now and takes each message through the steps before `act`. */
  private async take(limit: number, maxBytes: number): Promise<PreparedLease> {
    const ctx = this.context;
    const now = ctx.clock();
    const leaseUntil = new Date(now.getTime() + (this.options.leaseSeconds ?? 300) * 1000);
    // A message abandoned on its last attempt waits at most this long to be set aside; the
    // look is a statement of its own, not worth making before every message.
    if (now.getTime() - this.abandonedCheckedAt >= ABANDONED_CHECK_MS) {
      this.abandonedCheckedAt = now.getTime();
      for (const id of await setAsideAbandoned(ctx, now)) {
        this.options.metrics?.inboundHandled(null, 'set-aside');
        this.options.log?.warn('processor.set-aside', { messageId: id, outcome: 'attempts-ended' });
      }
    }
    const messages = await this.inbound.lease(
      ctx.database,
      now,
      leaseUntil,
      limit,
      this.options.leaseHolder,
      maxBytes,
    );
    const started = performance.now();
    const prepared = await preparePipelines(messages, ctx);
    const bytes = messages.reduce((sum, message) => sum + message.raw.length, 0);
    return { messages, prepared, bytes, started };
  }

  /**
   * Acts on and answers a prepared lease; a message that threw is retried later or set
   * aside. Each message succeeds or fails on its own: nothing one of them does stops the rest.
   */
  private async finish(lease: PreparedLease): Promise<void> {
    const ctx = this.context;
    const { messages } = lease;
    const results = await finishPipelines(lease.prepared, ctx);
    // taken together, each is timed as its share of the whole
    const durationMs = (performance.now() - lease.started) / messages.length;
    for (const [i, message] of messages.entries()) {
      const result = results[i]!;
      if ('outcome' in result) {
        this.options.metrics?.inboundHandled(result.outcome.kind, 'processed', durationMs / 1000);
        this.options.log?.info('processor.processed', {
          messageId: message.id,
          durationMs: Math.round(durationMs),
        });
        continue;
      }
      const { error } = result;
      const retryAt = nextAttemptAt(message.attempts, this.options.maxAttempts, ctx.clock());
      try {
        await fail(ctx, message.id, describeFailure(error), retryAt);
        this.options.metrics?.inboundHandled(null, retryAt ? 'retried' : 'set-aside');
      } catch {
        // Left leased: taken again when the lease runs out, set aside once attempts are spent.
        this.options.log?.error('processor.failure-not-recorded', {
          messageId: message.id,
          error,
        });
        continue;
      }
      this.options.log?.error('processor.failed', {
        messageId: message.id,
        attempt: message.attempts,
        outcome: retryAt ? 'retry' : 'set-aside',
        error,
      });
    }
  }
}

/** A lease's messages, prepared, with their bytes and when their processing began. */
interface PreparedLease {
  messages: Awaited<ReturnType<InboundMessageRepository['lease']>>;
  prepared: PreparedMessages;
  bytes: number;
  started: number;
}
