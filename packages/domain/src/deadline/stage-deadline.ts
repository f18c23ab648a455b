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
  basis: 'relative' | 'cumulative' | 'cumulative-late-entry' | 'extension';
}

/**
 * The due date and instant of one stage (POLICIES.md, "Counting working days"), or null
 * where the policy sets no timescales.
 *
 * - "within N working days" (relative): due on D0 + N, D0 the stage's start day.
 * - "within N working days" from the raise (cumulative): due on D0 + N, D0 the raise's.
 * - "by working day K" (cumulative): due on D0 + (K - 1), the raise day being day 1.
 *
 * A cumulative stage that starts on or after its own due date (possible only after an
 * agreed extension or a late manual escalation) would be breached the moment it starts, or
 * within hours; it gets its own span of working days from its start instead (stage 3 of
 * NEL: 11 − 8 = 3), so the people now holding it have the time the policy gives that stage.
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
  const stageStart = startDayOf(calendar, input.startedAt, cob);
  const dueAtOf = (day: number) => instantAt(day, cob, calendar.zone);

  let startDay: number;
  let dueDay: number;
  let basis: StageDeadline['basis'];
  switch (policy.timescale.kind) {
    case 'relative-within':
      startDay = stageStart;
      dueDay = addWorkingDays(calendar, startDay, rule.workingDays);
      basis = 'relative';
      break;
    case 'cumulative-within':
    case 'cumulative-by-working-day': {
      startDay = startDayOf(calendar, input.raisedAt, cob);
      const offset = policy.timescale.kind === 'cumulative-within' ? 0 : -1;
      dueDay = addWorkingDays(calendar, startDay, rule.workingDays + offset);
      basis = 'cumulative';
      if (stageStart >= dueDay) {
        const before = policy.stages[input.stage - 2]?.deadline?.workingDays ?? -offset;
        startDay = stageStart;
        dueDay = addWorkingDays(calendar, stageStart, rule.workingDays - before);
        basis = 'cumulative-late-entry';
      }
      break;
    }
  }

  const policyDueDate = isoDateOf(dueDay);
  const extension = input.extensions?.at(-1);
  const dueDate = extension ? extension.dueDate : policyDueDate;
  return {
    stage: input.stage,
    startDate: isoDateOf(startDay),
    policyDueDate,
    dueDate,
    dueAt: extension ? dueAtOf(dayNumberOf(extension.dueDate)) : dueAtOf(dueDay),
    workingDays: rule.workingDays,
    basis: extension ? 'extension' : basis,
  };
}
