import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CaseErasure } from '@escalations/casework';
import { SCHEDULER_INTERVAL } from './deadline.scheduler';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Once a day (and at start-up), erases the personal data of every closed case past its
 * policy's retention period. Runs wherever the deadline scheduler runs; several instances
 * are safe, since a case is locked while it is erased and never erased twice.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('retention');
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(CaseErasure) private readonly erasure: CaseErasure,
    private readonly registry: SchedulerRegistry,
    @Inject(SCHEDULER_INTERVAL) private readonly intervalSeconds: number,
  ) {}

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
        if (erased.length > 0) this.logger.log(`erased ${erased.length}: ${erased.join(', ')}`);
      })
      .catch((error: unknown) =>
        this.logger.error(`retention failed: ${error instanceof Error ? error.name : 'error'}`),
      )
      .finally(() => {
        this.running = null;
      });
  }
}
