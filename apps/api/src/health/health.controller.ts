import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';
import { partnershipRolesWithoutAddressIn, type MailSettings } from '@escalations/casework';
import type { Database } from '@escalations/db';
import { calendarsRunningOut, type PolicyLibrary } from '@escalations/domain';
import { sql } from 'drizzle-orm';
import { Public } from '../auth/roles.decorator';
import { ApiError } from '../common/api-error';
import { CLOCK, DATABASE, MAIL_SETTINGS, POLICY_LIBRARY, type Clock } from '../common/tokens';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(MAIL_SETTINGS) private readonly mail: MailSettings,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Up only when the database answers. Also says which partnership roles have no address
   * (the directory, PARTNERSHIP_CONTACTS as its seed): their mail goes to a mailbox the
   * service's own intake refuses.
   * `degraded` from 12 months before a calendar in use ends, naming it and its last day.
   */
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
    const runningOut = calendarsRunningOut(this.library, this.clock());
    const withoutAddress = await partnershipRolesWithoutAddressIn(this.db, this.mail, this.library);
    return {
      status: runningOut.length > 0 ? 'degraded' : 'ok',
      database: 'ok',
      partnershipRoles: {
        withoutAddress: withoutAddress.map((role) => ({
          policy: role.policyId,
          role: role.role,
          mailGoesTo: role.mailGoesTo,
        })),
      },
      calendars: { runningOut },
    };
  }
}
