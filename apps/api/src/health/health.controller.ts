import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';
import {
  partnershipRolesWithoutAddress,
  type MailSettings,
  type RoleWithoutAddress,
} from '@escalations/casework';
import type { Database } from '@escalations/db';
import { calendarsRunningOut, type PolicyLibrary } from '@escalations/domain';
import { sql } from 'drizzle-orm';
import { Public } from '../auth/roles.decorator';
import { ApiError } from '../common/api-error';
import { CLOCK, DATABASE, MAIL_SETTINGS, POLICY_LIBRARY, type Clock } from '../common/tokens';

@Controller('health')
export class HealthController {
  /** fixed at start-up, like the configuration it comes from */
  private readonly withoutAddress: { policy: string; role: string; mailGoesTo: string }[];

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(MAIL_SETTINGS) mail: MailSettings,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.withoutAddress = partnershipRolesWithoutAddress(mail, library).map(
      (role: RoleWithoutAddress) => ({
        policy: role.policyId,
        role: role.role,
        mailGoesTo: role.mailGoesTo,
      }),
    );
  }

  /**
   * Up only when the database answers. Also says which partnership roles have no address
   * (PARTNERSHIP_CONTACTS): their mail goes to a mailbox the service's own intake refuses.
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
    return {
      status: runningOut.length > 0 ? 'degraded' : 'ok',
      database: 'ok',
      partnershipRoles: { withoutAddress: this.withoutAddress },
      calendars: { runningOut },
    };
  }
}
