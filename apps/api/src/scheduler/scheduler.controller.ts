import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import type { Caller } from '../auth/authenticated-request';
import { CurrentCaller } from '../auth/current-caller';
import { Roles } from '../auth/roles.decorator';
import { isOperator } from '../auth/scope';
import { ApiError } from '../common/api-error';
import { DeadlineSweepService } from './deadline-sweep.service';

@Controller('api/v1/scheduler')
export class SchedulerController {
  constructor(private readonly sweeps: DeadlineSweepService) {}

  /**
   * One sweep now; returns what it did. The operator's alone: a sweep acts on every
   * partnership's cases and its answer counts them all.
   */
  @Post('run')
  @Roles('admin')
  @HttpCode(200)
  run(@CurrentCaller() caller: Caller) {
    if (!isOperator(caller))
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'forbidden',
        "a sweep acts on every partnership's cases: it needs the operator's admin key (*)",
      );
    return this.sweeps.sweep();
  }
}
