import { Inject, Injectable } from '@nestjs/common';
import { AccessLogRepository, type Database } from '@escalations/db';
import type { Caller } from '../auth/authenticated-request';
import { CLOCK, DATABASE, type Clock } from '../common/tokens';

/**
 * One request's row in the access log. Written before the answer leaves, so no case data
 * goes out unrecorded; a streamed answer adds the cases of each part before sending it.
 */
export class CaseDataAccess {
  private id: number | null = null;
  private readonly log = new AccessLogRepository();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly caller: Caller,
    private readonly method: string,
    private readonly path: string,
  ) {}

  get recorded(): boolean {
    return this.id !== null;
  }

  /** The answer holds these cases (none is fine: an empty list is still a read). */
  async returned(caseRefs: string[], status = 200): Promise<void> {
    if (this.id !== null) {
      await this.log.addCases(this.db, this.id, caseRefs);
      return;
    }
    this.id = await this.log.record(this.db, {
      apiKeyId: this.caller.keyId,
      method: this.method,
      path: this.path,
      status,
      caseRefs,
      at: this.clock(),
    });
  }

  /** The read was refused or failed: recorded with its status and no cases, unless already recorded. */
  async refused(status: number): Promise<void> {
    if (this.id === null) await this.returned([], status);
  }
}

/** Every read of case data is itself recorded: which key, which route, which cases, how answered. */
@Injectable()
export class AccessLogService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  begin(caller: Caller, method: string, path: string): CaseDataAccess {
    return new CaseDataAccess(this.db, this.clock, caller, method, path);
  }
}
