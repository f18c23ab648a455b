import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Log } from '@escalations/db/log';
import { SchedulerRegistry } from '@nestjs/schedule';
import { LOG } from '../logging/log.token';
import { DeadlineSweepService } from './deadline-sweep.service';
import { logSweep } from './sweep-log';

export const SCHEDULER_INTERVAL = Symbol('SCHEDULER_INTERVAL');

/** Sweeps every SCHEDULER_INTERVAL_SECONDS (0: only when asked through the API, as in tests). */
@Injectable()
export class DeadlineScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Log;
  private sweeping: Promise<unknown> | null = null;

  constructor(
    private readonly sweeps: DeadlineSweepService,
    private readonly registry: SchedulerRegistry,
    @Inject(SCHEDULER_INTERVAL) private readonly intervalSeconds: number,
    @Inject(LOG) log: Log,
  ) {
    this.log = log.as('scheduler');
  }

  onApplicationBootstrap(): void {
    if (this.intervalSeconds <= 0) return;
    this.registry.addInterval(
      'deadline-sweep',
      setInterval(() => this.tick(), this.intervalSeconds * 1000),
    );
    // A restart catches up at once on everything that fell due while it was down.
    this.tick();
  }

  onApplicationShutdown(): Promise<unknown> | void {
    if (this.registry.doesExist('interval', 'deadline-sweep'))
      this.registry.deleteInterval('deadline-sweep');
    return this.sweeping ?? undefined;
  }

  private tick(): void {
    if (this.sweeping) return;
    const started = performance.now();
    this.sweeping = this.sweeps
      .sweep()
      .then((report) => logSweep(this.log, report, started, 'timed'))
      .catch((error: unknown) => this.log.error('scheduler.sweep-failed', { error }))
      .finally(() => {
        this.sweeping = null;
      });
  }
}
