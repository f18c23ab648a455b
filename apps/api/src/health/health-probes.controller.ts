import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';
import { checkReadiness } from '@escalations/casework';
import type { Database } from '@escalations/db';
import { Public } from '../auth/roles.decorator';
import { ApiError } from '../common/api-error';
import { CLOCK, DATABASE, type Clock } from '../common/tokens';
import { OPERATIONS_SETTINGS, type OperationsSettings } from '../operations/operations.tokens';

/**
 * What an orchestrator's probes read. Live: the process answers (nothing else, so a slow
 * database never gets it restarted). Ready: the database answers, the migrations are
 * current and mail is being worked through; a 503 says what is wrong.
 */
@Controller('health')
@Public()
export class HealthProbesController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(OPERATIONS_SETTINGS) private readonly settings: OperationsSettings,
  ) {}

  @Get('live')
  live() {
    return { status: 'live' };
  }

  @Get('ready')
  async ready() {
    const readiness = await checkReadiness({
      database: this.db,
      clock: this.clock,
      maxInboundAgeSeconds: this.settings.readyMaxInboundAgeSeconds,
    });
    if (readiness.status !== 'ready') {
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'not-ready',
        readiness.problems.join('; '),
        readiness,
      );
    }
    return readiness;
  }
}
