import { Inject, Injectable } from '@nestjs/common';
import {
  AnswerMailer,
  Casework,
  partnershipAddresses,
  type MailSettings,
} from '@escalations/casework';
import {
  CaseQueryRepository,
  ScheduleRepository,
  SchedulerRunRepository,
  type Database,
} from '@escalations/db';
import {
  isoDateOf,
  localMomentOf,
  isoWeekdayOf,
  type Actor,
  type PolicyLibrary,
} from '@escalations/domain';
import { CLOCK, DATABASE, MAIL_SETTINGS, POLICY_LIBRARY, type Clock } from '../common/tokens';

const SCHEDULER: Actor = { kind: 'scheduler', id: 'scheduler', verified: true };
/** stages looked at per round; a catch-up after downtime takes as many rounds as it needs */
const BATCH = 200;
const MAX_ROUNDS = 1000;

export interface SweepReport {
  at: string;
  reminders: string[];
  breaches: string[];
  overallLimits: string[];
  digests: string[];
  /** commands another instance got to first, or that no longer applied */
  skipped: number;
}

/**
 * One pass of the deadline scheduler. It finds what is due through the checks the domain
 * keeps on each stage (one index probe when nothing is), and applies each reminder and
 * breach through casework, so every notice is an event on the case and mail in the outbox,
 * at most once per case, stage and kind however many instances sweep.
 */
@Injectable()
export class DeadlineSweepService {
  private readonly schedule = new ScheduleRepository();
  private readonly runs = new SchedulerRunRepository();
  private readonly caseList = new CaseQueryRepository();
  private readonly mailer: AnswerMailer;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MAIL_SETTINGS) private readonly mail: MailSettings,
    private readonly casework: Casework,
  ) {
    this.mailer = new AnswerMailer(mail, 0);
  }

  async sweep(): Promise<SweepReport> {
    const now = this.clock();
    const report: SweepReport = {
      at: now.toISOString(),
      reminders: [],
      breaches: [],
      overallLimits: [],
      digests: [],
      skipped: 0,
    };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const due = await this.schedule.dueStages(this.db, now, BATCH);
      const limits = await this.schedule.dueOverallLimits(this.db, now, BATCH);
      if (due.length === 0 && limits.length === 0) break;
      let acted = 0;
      for (const stage of due) {
        // Past the due instant a breach replaces the reminder (after downtime, say).
        const breach = stage.dueAt !== null && now.getTime() > stage.dueAt.getTime();
        const result = await this.casework.apply(
          stage.ref,
          breach ? { kind: 'breach', stage: stage.stage } : { kind: 'remind', stage: stage.stage },
          SCHEDULER,
        );
        if (result.ok) {
          acted += 1;
          (breach ? report.breaches : report.reminders).push(`${stage.ref} stage ${stage.stage}`);
        } else report.skipped += 1;
      }
      for (const limit of limits) {
        const result = await this.casework.apply(limit.ref, { kind: 'overall-breach' }, SCHEDULER);
        if (result.ok) {
          acted += 1;
          report.overallLimits.push(limit.ref);
        } else report.skipped += 1;
      }
      // Nothing could be done with what is due (another instance holds it): leave it for the next sweep.
      if (acted === 0) break;
    }
    report.digests = await this.weeklyDigests(now);
    return report;
  }

  /**
   * Each Monday from 09:00 local, the partnership contact of each policy gets the standing
   * record of open cases (chew-stoke's board manager "will keep a record of all on-going
   * disagreements"; every partnership benefits).
   */
  private async weeklyDigests(now: Date): Promise<string[]> {
    const sent: string[] = [];
    for (const policy of this.library.policies.values()) {
      const calendar = this.library.calendars.get(policy.calendar);
      if (!calendar) continue;
      const local = localMomentOf(now, calendar.zone);
      if (isoWeekdayOf(local.day) !== 1 || local.second < 9 * 3600) continue;
      const today = isoDateOf(local.day);
      if (!(await this.runs.claim(this.db, `digest:${policy.id}:${today}`, now))) continue;
      const open = await this.caseList.list(
        this.db,
        { policy: policy.id, status: 'open' },
        now,
        500,
      );
      const cases = open.map((row) => ({
        ref: row.ref,
        stage: row.currentStage,
        stageTitle: policy.stages[row.currentStage - 1]?.title ?? '',
        dueDate: row.currentDueDate,
        overdue: row.currentDueAt !== null && row.currentDueAt.getTime() < now.getTime(),
        agency: row.agency,
        otherAgency: row.otherAgency,
        category: policy.categories.find((c) => c.key === row.category)?.label ?? row.category,
        raisedOn: row.raisedAt.toISOString().slice(0, 10),
      }));
      await this.db.transaction((tx) =>
        this.mailer.queue(
          tx,
          {
            to: partnershipAddresses(this.mail, policy.id, policy.partnershipContact),
            policy,
            template: 'weekly-digest',
            data: {
              today,
              cases,
              single: cases.length === 1,
              overdueCount: cases.filter((c) => c.overdue).length,
            },
            inReplyTo: null,
          },
          now,
        ),
      );
      sent.push(policy.id);
    }
    return sent;
  }
}
