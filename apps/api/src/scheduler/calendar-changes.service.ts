import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Casework } from '@escalations/casework';
import {
  CaseQueryRepository,
  SchedulerRunRepository,
  schedulerRuns,
  type Database,
} from '@escalations/db';
import type { Log } from '@escalations/db/log';
import { like } from 'drizzle-orm';
import {
  allowedCalendars,
  isoDateOf,
  type Actor,
  type PolicyLibrary,
  type WorkingDayCalendar,
} from '@escalations/domain';
import { CLOCK, DATABASE, POLICY_LIBRARY, type Clock } from '../common/tokens';
import { LOG } from '../logging/log.token';

const SCHEDULER: Actor = { kind: 'scheduler', id: 'scheduler', verified: true };
const PAGE = 500;

export interface CalendarChangeReport {
  calendar: string;
  /** the cases whose dates moved or were filled in */
  changed: string[];
  failed: string[];
}

/**
 * When a calendar's days differ from those last counted with (a year's holidays added, a
 * holiday or closure day added or removed: by a restart with a new file or a reload), the
 * open cases that count in it have their dates not yet due counted again, through casework,
 * each change an event on its case told to its participants. The calendar's content is
 * fingerprinted and claimed once in the scheduler's run table, so however many instances
 * sweep, a change is taken up once; unchanged cases are refused by the domain and not written.
 */
@Injectable()
export class CalendarChangesService {
  private readonly runs = new SchedulerRunRepository();
  private readonly caseList = new CaseQueryRepository();
  private readonly log: Log;
  private readonly fingerprints = new WeakMap<WorkingDayCalendar, string>();
  /** changes this process has taken up: after the first sweep, a sweep costs no query here */
  private readonly takenUp = new Set<string>();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly casework: Casework,
    @Inject(LOG) log: Log,
  ) {
    this.log = log.as('scheduler');
  }

  /** Take up every calendar that changed since its dates were last counted. */
  async takeUpChanges(): Promise<CalendarChangeReport[]> {
    const reports: CalendarChangeReport[] = [];
    for (const calendar of this.library.calendars.values()) {
      const now = this.clock();
      const key = `calendar:${calendar.id}:${this.fingerprint(calendar)}`;
      if (this.takenUp.has(key)) continue;
      // The first sight of a calendar is its baseline: only a change from a recorded one
      // moves dates (a first start does not count every open case again).
      const seenBefore = await this.anyRecorded(calendar.id);
      const claimed = await this.runs.claim(this.db, key, now);
      this.takenUp.add(key);
      if (!claimed || !seenBefore) continue;
      const report = await this.recompute(calendar.id, 'the calendar changed');
      if (report.changed.length > 0 || report.failed.length > 0) reports.push(report);
    }
    return reports;
  }

  /**
   * A calendar reloaded by an administrator: its dates counted again now, and its new content
   * recorded so the sweep does not count them again.
   */
  async takeUpReload(calendarId: string): Promise<CalendarChangeReport> {
    const calendar = this.library.calendars.get(calendarId);
    if (calendar) {
      const key = `calendar:${calendarId}:${this.fingerprint(calendar)}`;
      await this.runs.claim(this.db, key, this.clock());
      this.takenUp.add(key);
    }
    return this.recompute(calendarId, 'the calendar was reloaded');
  }

  /** Count again the dates not yet due of every open case in one calendar. */
  async recompute(calendarId: string, reason: string): Promise<CalendarChangeReport> {
    const report: CalendarChangeReport = { calendar: calendarId, changed: [], failed: [] };
    const policies = [...this.library.policies.values()].filter((policy) =>
      allowedCalendars(policy).includes(calendarId),
    );
    for (const policy of policies) {
      let after: { raisedAt: string; id: string } | undefined;
      for (;;) {
        const page = await this.caseList.list(
          this.db,
          { policy: policy.id, status: 'open' },
          this.clock(),
          PAGE,
          after,
        );
        for (const row of page) {
          try {
            const result = await this.casework.apply(
              row.ref,
              { kind: 'recompute', reason },
              SCHEDULER,
            );
            if (result.ok) report.changed.push(row.ref);
          } catch (error) {
            // One case that cannot be counted again must not stop the others.
            report.failed.push(row.ref);
            this.log.error('scheduler.recompute-failed', {
              caseRef: row.ref,
              calendar: calendarId,
              error,
            });
          }
        }
        if (page.length < PAGE) break;
        const last = page.at(-1)!;
        after = { raisedAt: last.raisedAt.toISOString(), id: last.id };
      }
    }
    if (report.changed.length > 0)
      this.log.info('scheduler.dates-recounted', {
        calendar: calendarId,
        count: report.changed.length,
      });
    return report;
  }

  private async anyRecorded(calendarId: string): Promise<boolean> {
    const rows = await this.db
      .select({ key: schedulerRuns.key })
      .from(schedulerRuns)
      .where(like(schedulerRuns.key, `calendar:${calendarId}:%`))
      .limit(1);
    return rows.length > 0;
  }

  private fingerprint(calendar: WorkingDayCalendar): string {
    let known = this.fingerprints.get(calendar);
    if (!known) {
      const days = [...calendar.closedDays.keys()].sort((a, b) => a - b).map(isoDateOf);
      known = createHash('sha256')
        .update(`${isoDateOf(calendar.firstDay)}..${isoDateOf(calendar.lastDay)}:${days.join(',')}`)
        .digest('hex')
        .slice(0, 16);
      this.fingerprints.set(calendar, known);
    }
    return known;
  }
}
