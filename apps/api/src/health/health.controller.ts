import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';
import type { Database } from '@escalations/db';
import { sql } from 'drizzle-orm';
import { Public } from '../auth/roles.decorator';
import { ApiError } from '../common/api-error';
import { DATABASE } from '../common/tokens';

@Controller('health')
export class HealthController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Up only when the database answers. */
  @Get()
  @Public()
  async check() {
    try {
      await this.db.execute(sql`select 1`);
    } catch {
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'unavailable',
        'the database is not answering',
      );
    }
    return { status: 'ok', database: 'ok' };
  }
}
