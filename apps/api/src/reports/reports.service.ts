import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@escalations/db';
import type { PolicyLibrary } from '@escalations/domain';
import { DATABASE, POLICY_LIBRARY } from '../common/tokens';
import type { AnnualQuery, TimelinessQuery } from './reports.dto';

// PLACEHOLDER: being written by a helper
@Injectable()
export class ReportsService {
  constructor(
    @Inject(DATABASE) readonly db: Database,
    @Inject(POLICY_LIBRARY) readonly library: PolicyLibrary,
  ) {}

  timeliness(query: TimelinessQuery): Promise<unknown> {
    return Promise.resolve(query);
  }

  annual(query: AnnualQuery): Promise<unknown> {
    return Promise.resolve(query);
  }
}
