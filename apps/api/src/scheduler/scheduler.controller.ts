import { Controller, HttpCode, Post } from '@nestjs/common';
import { Roles } from '../auth/roles.decorator';
import { DeadlineSweepService } from './deadline-sweep.service';

@Controller('api/v1/scheduler')
export class SchedulerController {
  constructor(private readonly sweeps: DeadlineSweepService) {}

  /** One sweep now; returns what it did. */
  @Post('run')
  @Roles('admin')
  @HttpCode(200)
  run() {
    return this.sweeps.sweep();
  }
}
