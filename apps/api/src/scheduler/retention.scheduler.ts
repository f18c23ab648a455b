import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CaseErasure } from '@escalations/casework';
import type { Log } from '@escalations/db/log';
import { LOG } from '../logging/log.token';
import { SCHEDULER_INTERVAL } from './deadline.scheduler';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Once a day (and at start-up), erases the personal data of every closed case past its
 * policy's retention period. Runs wherever the deadline scheduler runs; several instances
 * are safe, since a case is locked while it is erased and never erased twice.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Log;
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(CaseErasure) private readonly erasure: CaseErasure,
    private readonly registry: SchedulerRegistry,
    @Inject(SCHEDULER_INTERVAL) private readonly intervalSeconds: number,
    @Inject(LOG) log: Log,
  ) {
    this.log = log.as('scheduler');
  }

  onApplicationBootstrap(): void {
    if (this.intervalSeconds <= 0) return;
    this.registry.addInterval(
      'retention',
      setInterval(() => this.tick(), DAY_MS),
    );
    this.tick();
  }

  onApplicationShutdown(): Promise<unknown> | void {
    if (this.registry.doesExist('interval', 'retention')) this.registry.deleteInterval('retention');
    return this.running ?? undefined;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.erasure
      .eraseExpired()
      .then((erased) => {
        // references only: nothing a case is about
        if (erased.length > 0)
          this.log.info('retention.erased', { count: erased.length, caseRefs: erased });
      })
      .catch((error: unknown) => this.log.error('retention.failed', { error }))
      .finally(() => {
        this.running = null;
      });
  }
}
