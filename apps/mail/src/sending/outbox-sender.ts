import type { ServiceMetrics } from '@escalations/casework';
import { OutboxRepository, type Database, type LeaseHolder } from '@escalations/db';
import type { Log } from '@escalations/db/log';
import type { MailTransport } from '@escalations/email';
import { nextAttemptAt } from '../retry-backoff';

export interface OutboxSenderOptions {
  batch?: number;
  maxAttempts?: number;
  leaseSeconds?: number;
  /** whose leases these are: a restarted worker takes back its dead predecessor's at once */
  leaseHolder?: LeaseHolder;
  /** mail sent, and attempts refused */
  metrics?: ServiceMetrics;
  log?: Log;
}

/**
 * Sends what the outbox holds. A server that refuses for now (4xx, or down) is tried again
 * with backoff; one that refuses for good (5xx) fails the message at once, for an
 * administrator to see.
 */
export class OutboxSender {
  private readonly outbox = new OutboxRepository();

  constructor(
    private readonly database: Database,
    private readonly transport: MailTransport,
    private readonly clock: () => Date,
    private readonly options: OutboxSenderOptions = {},
  ) {}

  async runOnce(): Promise<{ sent: number; failed: number }> {
    const now = this.clock();
    const leaseUntil = new Date(now.getTime() + (this.options.leaseSeconds ?? 120) * 1000);
    const rows = await this.outbox.lease(
      this.database,
      now,
      leaseUntil,
      this.options.batch ?? 20,
      this.options.leaseHolder,
    );
    let sent = 0;
    let failed = 0;
    for (const row of rows) {
      try {
        await this.transport.send(
          row.raw,
          { from: row.mailFrom, to: row.recipients },
          row.messageId,
        );
        await this.outbox.markSent(this.database, row.id, row.messageRowId, this.clock());
        sent += 1;
        this.options.metrics?.mailSent();
      } catch (error) {
        failed += 1;
        const attempts = row.attempts + 1;
        const code = (error as { responseCode?: number }).responseCode ?? 0;
        const permanent = code >= 500 && code < 600;
        const retryAt = permanent
          ? null
          : nextAttemptAt(attempts, this.options.maxAttempts ?? 10, this.clock());
        const reason =
          `${code ? `${code} ` : ''}${error instanceof Error ? error.message : String(error)}`.slice(
            0,
            500,
          );
        await this.outbox.markFailed(this.database, row.id, reason, retryAt);
        this.options.metrics?.mailSendFailed(retryAt === null);
        this.options.log?.[retryAt ? 'warn' : 'error'](
          retryAt ? 'sender.failed' : 'sender.gave-up',
          {
            outboxId: row.id,
            messageId: row.messageRowId,
            attempt: attempts,
            status: code,
            error,
          },
        );
      }
    }
    return { sent, failed };
  }
}
