import { Inject, Injectable } from '@nestjs/common';
import { AccessLogRepository, type Database } from '@escalations/db';
import type { Caller } from '../auth/authenticated-request';
import { CLOCK, DATABASE, type Clock } from '../common/tokens';

/** Every read of a case is itself recorded: which key, which case, when. */
@Injectable()
export class AccessLogService {
  private readonly log = new AccessLogRepository();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(
    caller: Caller,
    caseIds: (string | null)[],
    method: string,
    path: string,
  ): Promise<void> {
    const at = this.clock();
    await this.log.record(
      this.db,
      caseIds.map((caseId) => ({ apiKeyId: caller.keyId, caseId, method, path, at })),
    );
  }
}
