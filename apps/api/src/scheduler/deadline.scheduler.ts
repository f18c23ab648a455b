import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DeadlineSweepService } from './deadline-sweep.service';

export const SCHEDULER_INTERVAL = Symbol('SCHEDULER_INTERVAL');

/** Sweeps every SCHEDULER_INTERVAL_SECONDS (0: only when asked through the API, as in tests). */
@Injectable()
export class DeadlineScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('scheduler');
  private sweeping: Promise<unknown> | null = null;

  constructor(
    private readonly sweeps: DeadlineSweepService,
    private readonly registry: SchedulerRegistry,
    @Inject(SCHEDULER_INTERVAL) private readonly intervalSeconds: number,
  ) {}

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
    this.sweeping = this.sweeps
      .sweep()
      .then((report) => {
        const done =
          report.reminders.length +
          report.breaches.length +
          report.overallLimits.length +
          report.digests.length;
        if (done > 0 || report.failed.length > 0) {
          this.logger.log(
            `sweep: ${report.reminders.length} reminders, ${report.breaches.length} breaches, ${report.overallLimits.length} overall limits, ${report.digests.length} digests, ${report.failed.length} failed`,
          );
        }
      })
      .catch((error: unknown) =>
        this.logger.error(`sweep failed: ${error instanceof Error ? error.name : 'error'}`),
      )
      .finally(() => {
        this.sweeping = null;
      });
  }
}
