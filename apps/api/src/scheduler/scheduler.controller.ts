import { Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import type { Log } from '@escalations/db/log';
import type { Caller } from '../auth/authenticated-request';
import { CurrentCaller } from '../auth/current-caller';
import { Roles } from '../auth/roles.decorator';
import { isOperator } from '../auth/scope';
import { ApiError } from '../common/api-error';
import { LOG } from '../logging/log.token';
import { DeadlineSweepService, type SweepReport } from './deadline-sweep.service';
import { logSweep } from './sweep-log';

@Controller('api/v1/scheduler')
export class SchedulerController {
  private readonly log: Log;

  constructor(
    private readonly sweeps: DeadlineSweepService,
    @Inject(LOG) log: Log,
  ) {
    this.log = log.as('scheduler');
  }

  /**
   * One sweep now; returns what it did. The operator's alone: a sweep acts on every
   * partnership's cases and its answer counts them all.
   */
  @Post('run')
  @Roles('admin')
  @HttpCode(200)
  async run(@CurrentCaller() caller: Caller): Promise<SweepReport> {
    if (!isOperator(caller))
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'forbidden',
        "a sweep acts on every partnership's cases: it needs the operator's admin key (*)",
      );
    const started = performance.now();
    try {
      const report = await this.sweeps.sweep();
      logSweep(this.log, report, started, 'requested');
      return report;
    } catch (error) {
      this.log.error('scheduler.sweep-failed', { error });
      throw error;
    }
  }
}
