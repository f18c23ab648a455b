import { addWorkingDays } from '../calendar/add-working-days';
import { startDayOf } from '../calendar/start-day-of';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { PolicyFile } from '../policy/policy.schema';
import { dayNumberOf, isoDateOf, type IsoDate } from '../time/local-date';
import { instantAt } from '../time/zoned-time';

export interface StageClockInput {
  /** when the case was raised: cumulative timescales count from here */
  raisedAt: Date;
  stage: number;
  /** when this stage actually started: relative timescales count from here */
  startedAt: Date;
  /** agreed new due dates, oldest first; the latest replaces the policy's date */
  extensions?: readonly { dueDate: IsoDate }[];
}

export interface StageDeadline {
  stage: number;
  /** D0: the working day the stage's clock starts on */
  startDate: IsoDate;
  /** the policy's own due date, before any extension */
  policyDueDate: IsoDate;
  /** the due date in force (the latest agreed extension, if any) */
  dueDate: IsoDate;
  /** close of business on the due date */
  dueAt: Date;
  /** the working days the policy allows, counted as its timescale kind says */
  workingDays: number;
  /** how the due date was reached */
  basis: 'relative' | 'cumulative' | 'extension';
  /**
   * the stage started after its own due instant (a cumulative stage entered late): it is
   * overdue on entry, and the breach rule applies at once
   */
  overdueOnEntry: boolean;
}

/**
 * The due date and instant of one stage (POLICIES.md, "Counting working days"), or null
 * where the policy sets no timescales.
 *
 * - "within N working days" (relative): due on D0 + N, D0 the stage's start day.
 * - "within N working days" from the raise (cumulative): due on D0 + N, D0 the raise's.
 * - "by working day K" (cumulative): due on D0 + (K - 1), the raise day being day 1.
 *
 * Cumulative dates never move to hide lateness (POLICIES.md): a stage entered on its due
 * date before close of business is due at close of business that day, and one entered after
 * its due instant (after an extension of the stage before, or a late escalation) is overdue
 * on entry. An agreed extension replaces only its own stage's date.
 */
export function stageDeadline(
  policy: PolicyFile,
  calendar: WorkingDayCalendar,
  input: StageClockInput,
): StageDeadline | null {
  const definition = policy.stages[input.stage - 1];
  if (!definition) throw new RangeError(`${policy.id} has no stage ${input.stage}`);
  const rule = definition.deadline;
  if (policy.timescale.kind === 'none' || !rule) return null;

  const cob = policy.closeOfBusiness;
  const dueAtOf = (day: number) => instantAt(day, cob, calendar.zone);

  let startDay: number;
  let dueDay: number;
  let basis: StageDeadline['basis'];
  switch (policy.timescale.kind) {
    case 'relative-within':
      startDay = startDayOf(calendar, input.startedAt, cob);
      dueDay = addWorkingDays(calendar, startDay, rule.workingDays);
      basis = 'relative';
      break;
    case 'cumulative-within':
    case 'cumulative-by-working-day': {
      startDay = startDayOf(calendar, input.raisedAt, cob);
      const offset = policy.timescale.kind === 'cumulative-within' ? 0 : -1;
      dueDay = addWorkingDays(calendar, startDay, rule.workingDays + offset);
      basis = 'cumulative';
      break;
    }
  }

  const policyDueDate = isoDateOf(dueDay);
  const extension = input.extensions?.at(-1);
  const dueDate = extension ? extension.dueDate : policyDueDate;
  const dueAt = extension ? dueAtOf(dayNumberOf(extension.dueDate)) : dueAtOf(dueDay);
  return {
    stage: input.stage,
    startDate: isoDateOf(startDay),
    policyDueDate,
    dueDate,
    dueAt,
    workingDays: rule.workingDays,
    basis: extension ? 'extension' : basis,
    overdueOnEntry: input.startedAt.getTime() > dueAt.getTime(),
  };
}
