import { Inject, Injectable } from '@nestjs/common';
import {
  AnswerMailer,
  Casework,
  countSetAsideByPolicy,
  partnershipAddressesIn,
  partnershipRolesWithoutAddressIn,
  type MailSettings,
} from '@escalations/casework';
import {
  CaseQueryRepository,
  ScheduleRepository,
  SchedulerRunRepository,
  type Database,
} from '@escalations/db';
import type { Log } from '@escalations/db/log';
import {
  allowedCalendars,
  calendarsRunningOut,
  isoDateOf,
  localMomentOf,
  isoWeekdayOf,
  type Actor,
  type PolicyLibrary,
} from '@escalations/domain';
import { CLOCK, DATABASE, MAIL_SETTINGS, POLICY_LIBRARY, type Clock } from '../common/tokens';
import { SERVICE_METRICS, type ServiceMetrics } from '../operations/operations.tokens';
import { recordSweep } from './sweep-metrics';
import { LOG } from '../logging/log.token';
import { CalendarChangesService, type CalendarChangeReport } from './calendar-changes.service';
import { dueStepWork, stepCommand, type StepWork } from './step-work';
import { stepLabel } from '../reports/step-label';

/** open cases listed in one digest; a longer list says how it was cut */
const DIGEST_LIMIT = 500;
const SCHEDULER: Actor = { kind: 'scheduler', id: 'scheduler', verified: true };
/** stages looked at per round; a catch-up after downtime takes as many rounds as it needs */
const BATCH = 200;
const MAX_ROUNDS = 1000;
/**
 * due commands applied in one transaction: a catch-up pays one commit per batch, not per
 * stage, while a case's lock is held for a fraction of a second at most
 */
const PER_TRANSACTION = 50;
/**
 * batches applied at once, on cases of their own: the service decides and composes one
 * batch's mail while the database writes and commits the other's
 */
const BATCHES_AT_ONCE = 2;

export interface SweepReport {
  at: string;
  reminders: string[];
  breaches: string[];
  overallLimits: string[];
  /** timed steps inside a stage (NEL's Chair's recommendation): `<ref> stage <n> <step>` */
  stepReminders: string[];
  stepBreaches: string[];
  digests: string[];
  /** calendars that changed since their dates were last counted, and the cases that moved */
  calendars: CalendarChangeReport[];
  /** commands another instance got to first, or that no longer applied */
  skipped: number;
  /**
   * what could not be done because acting on the case failed (its policy no longer loaded,
   * say): logged, tried again on the next sweep, and never holding up the other cases
   */
  failed: string[];
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
  private readonly log: Log;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(POLICY_LIBRARY) private readonly library: PolicyLibrary,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MAIL_SETTINGS) private readonly mail: MailSettings,
    private readonly casework: Casework,
    private readonly calendarChanges: CalendarChangesService,
    @Inject(SERVICE_METRICS) private readonly metrics: ServiceMetrics,
    @Inject(LOG) log: Log,
  ) {
    this.mailer = new AnswerMailer(mail, 0);
    this.log = log.as('scheduler');
  }

  async sweep(): Promise<SweepReport> {
    const started = performance.now();
    const now = this.clock();
    const report: SweepReport = {
      at: now.toISOString(),
      reminders: [],
      breaches: [],
      overallLimits: [],
      stepReminders: [],
      stepBreaches: [],
      digests: [],
      calendars: [],
      skipped: 0,
      failed: [],
    };
    // Dates filled in or moved by a changed calendar fall due (or not) in this same sweep.
    report.calendars = await this.calendarChanges.takeUpChanges();
    /** cases that failed this sweep: not tried again until the next one */
    const failing = new Set<string>();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const [due, limits, steps] = await Promise.all([
        this.schedule.dueStages(this.db, now, BATCH),
        this.schedule.dueOverallLimits(this.db, now, BATCH),
        this.schedule.dueSteps(this.db, now, BATCH),
      ]);
      if (due.length === 0 && limits.length === 0 && steps.length === 0) break;
      let acted = 0;
      const unreadStepsFrom =
        steps.length === BATCH ? (steps.at(-1)?.stepCheckAt?.getTime() ?? -Infinity) : Infinity;
      const work = inTimeOrder(due, limits, now, dueStepWork(steps, now), unreadStepsFrom);
      /** batches applying now, oldest first; each reports once those before it have */
      const inFlight: { refs: Set<string>; reported: Promise<void> }[] = [];
      for (let from = 0; from < work.length; from += PER_TRANSACTION) {
        const slice = work.slice(from, from + PER_TRANSACTION);
        // A case's next command waits for the batch holding its last one to end (it is
        // decided on what that wrote, or not tried after it failed); other cases' do not.
        while (
          inFlight.length >= BATCHES_AT_ONCE ||
          inFlight.some((batch) => slice.some((item) => batch.refs.has(item.ref)))
        )
          await inFlight.shift()!.reported;
        const batch = slice
          .filter((item) => !failing.has(item.ref))
          .map((item) => ({ item, ...commandFor(item) }));
        const applied = this.casework.applyEach(
          batch.map(({ item, command }) => ({ ref: item.ref, command })),
          SCHEDULER,
        );
        const reported = Promise.all([inFlight.at(-1)?.reported, applied]).then(([, outcomes]) =>
          batch.forEach(({ item, command, label }, index) => {
            const outcome = outcomes[index]!;
            // an earlier command on this case failed: reported once, as it was
            if ('notTried' in outcome) return;
            if ('error' in outcome) {
              // One case that cannot be acted on must not stop every other case's deadlines.
              failing.add(item.ref);
              report.failed.push(label);
              this.log.error('scheduler.command-failed', {
                caseRef: item.ref,
                kind: command.kind,
                ...(item.kind === 'limit' ? {} : { count: item.stage }),
                error: outcome.error,
              });
              return;
            }
            if (!outcome.result.ok) {
              report.skipped += 1;
              return;
            }
            acted += 1;
            const list =
              item.kind === 'limit'
                ? report.overallLimits
                : item.kind === 'step'
                  ? item.breach
                    ? report.stepBreaches
                    : report.stepReminders
                  : item.breach
                    ? report.breaches
                    : report.reminders;
            list.push(label);
          }),
        );
        // awaited below or by a later batch; never left to reject unseen meanwhile
        reported.catch(() => undefined);
        inFlight.push({ refs: new Set(slice.map((item) => item.ref)), reported });
      }
      await Promise.all(inFlight.map((batch) => batch.reported));
      // Nothing could be done with what is due (another instance holds it): leave it for the next sweep.
      if (acted === 0) break;
    }
    report.digests = await this.weeklyDigests(now);
    recordSweep(this.metrics, report, started);
    return report;
  }

  /**
   * Each Monday from 09:00 local, the partnership contact of each policy gets the standing
   * record of open cases (chew-stoke's board manager "will keep a record of all on-going
   * disagreements"; every partnership benefits).
   */
  private async weeklyDigests(now: Date): Promise<string[]> {
    const sent: string[] = [];
    let setAside: Map<string | null, number> | undefined;
    const rolesWithoutAddress = await partnershipRolesWithoutAddressIn(
      this.db,
      this.mail,
      this.library,
    );
    for (const policy of this.library.policies.values()) {
      const calendar = this.library.calendars.get(policy.calendar);
      if (!calendar) continue;
      const local = localMomentOf(now, calendar.zone);
      if (isoWeekdayOf(local.day) !== 1 || local.second < 9 * 3600) continue;
      const today = isoDateOf(local.day);
      setAside ??= await countSetAsideByPolicy(this.db, this.library, this.mail.domain);
      // A message set aside before anyone could tell whose it was is every partnership's.
      const setAsideCount = (setAside.get(policy.id) ?? 0) + (setAside.get(null) ?? 0);
      const open = await this.caseList.list(
        this.db,
        { policy: policy.id, status: 'open' },
        now,
        DIGEST_LIMIT,
      );
      const missed = await this.caseList.missedSteps(
        this.db,
        open.map((row) => row.id),
      );
      const cases = open.map((row) => ({
        // timed steps missed, named as the reports name them (NEL: the Chair's recommendation)
        missedSteps: missed
          .filter((step) => step.caseId === row.id)
          .map((step) => ({
            label: stepLabel(policy, step.stage, step.step),
            dueDate: step.dueDate,
          })),
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
      // The claim and the mail commit together: a failure leaves the digest to the next sweep.
      const queued = await this.db.transaction(async (tx) => {
        if (!(await this.runs.claim(tx, `digest:${policy.id}:${today}`, now))) return false;
        return this.mailer.queue(
          tx,
          {
            to: await partnershipAddressesIn(tx, this.mail, policy.id, policy.partnershipContact),
            policy,
            template: 'weekly-digest',
            data: {
              today,
              cases,
              single: cases.length === 1,
              overdueCount: cases.filter((c) => c.overdue).length,
              missedStepCount: missed.length,
              missedStepSingle: missed.length === 1,
              truncated: open.length >= DIGEST_LIMIT ? DIGEST_LIMIT : null,
              setAside: setAsideCount,
              setAsideSingle: setAsideCount === 1,
              calendarsRunningOut: calendarsRunningOut(this.library, now).filter((running) =>
                allowedCalendars(policy).includes(running.calendar),
              ),
              rolesWithoutAddress: rolesWithoutAddress.filter(
                (role) => role.policyId === policy.id,
              ),
            },
            inReplyTo: null,
          },
          now,
        );
      });
      if (queued) sent.push(policy.id);
    }
    return sent;
  }
}

/** The scheduler's command for a piece of due work, and how the sweep's report names it. */
function commandFor(item: Work): { command: SchedulerCommand; label: string } {
  if (item.kind === 'step') return stepCommand(item);
  if (item.kind === 'limit') return { command: { kind: 'overall-breach' }, label: item.ref };
  return {
    command: item.breach
      ? { kind: 'breach', stage: item.stage }
      : { kind: 'remind', stage: item.stage },
    label: `${item.ref} stage ${item.stage}`,
  };
}

type SchedulerCommand =
  | ReturnType<typeof stepCommand>['command']
  | { kind: 'overall-breach' }
  | { kind: 'breach' | 'remind'; stage: number };

type Work =
  | { kind: 'stage'; ref: string; stage: number; breach: boolean; at: number }
  | StepWork
  | { kind: 'limit'; ref: string; at: number };

/**
 * What one round applies, in the order it fell due. After downtime a case may owe several
 * stage breaches (each escalation starting the next stage, whose own time may have passed
 * too) and its overall limit; applied in time order, the trail reads as it happened and the
 * overall notice names the stage the case had reached when the limit passed, not the one it
 * was at when the sweep began. So a case's overall limit waits while any of its stages has
 * something due at or before it (the next round sees the stages the cascade opened), and a
 * stage's breach waits for its case's overall limit when that passed first. A timed step's
 * reminder or breach is ordered as a stage's is.
 */
function inTimeOrder(
  due: readonly { ref: string; stage: number; dueAt: Date | null; checkAt: Date | null }[],
  limits: readonly { ref: string; overallDueAt: Date | null }[],
  now: Date,
  steps: readonly StepWork[] = [],
  unreadStepsFrom = Infinity,
): Work[] {
  const stageWork: Work[] = due.map((row) => {
    // Past the due instant a breach replaces the reminder (after downtime, say).
    const breach = row.dueAt !== null && now.getTime() > row.dueAt.getTime();
    const at = (breach ? row.dueAt : row.checkAt)?.getTime() ?? now.getTime();
    return { kind: 'stage', ref: row.ref, stage: row.stage, breach, at };
  });
  const stages: Work[] = [...stageWork, ...steps];
  const overall: Work[] = limits.map((row) => ({
    kind: 'limit',
    ref: row.ref,
    at: row.overallDueAt?.getTime() ?? now.getTime(),
  }));
  // A full batch leaves rows unread, and those fall due no earlier than the last row read.
  const unreadStagesFrom = Math.min(
    due.length === BATCH ? (due.at(-1)?.checkAt?.getTime() ?? -Infinity) : Infinity,
    unreadStepsFrom,
  );
  const unreadLimitsFrom =
    limits.length === BATCH ? (limits.at(-1)?.overallDueAt?.getTime() ?? -Infinity) : Infinity;
  const limitOf = new Map(overall.map((limit) => [limit.ref, limit.at]));
  const ready = [
    ...stages.filter(
      (stage) => stage.at <= (limitOf.get(stage.ref) ?? Infinity) && stage.at <= unreadLimitsFrom,
    ),
    ...overall.filter(
      (limit) =>
        limit.at < unreadStagesFrom &&
        !stages.some((stage) => stage.ref === limit.ref && stage.at <= limit.at),
    ),
  ];
  // Should the order hold everything back (it cannot with whole batches), apply what was read.
  return (ready.length > 0 ? ready : [...stages, ...overall]).sort((a, b) => a.at - b.at);
}
