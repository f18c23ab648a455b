import { addWorkingDays } from '../calendar/add-working-days';
import { startDayOf } from '../calendar/start-day-of';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { PolicyFile } from '../policy/policy.schema';
import { isoDateOf, type IsoDate } from '../time/local-date';
import { instantAt } from '../time/zoned-time';

/**
 * The date by which the whole process should be over, where the policy sets one (islands:
 * "a maximum of ten working days"; NEL: "to be completed within 22 working days"), counted
 * as the policy counts its stages.
 */
export function overallDeadline(
  policy: PolicyFile,
  calendar: WorkingDayCalendar,
  raisedAt: Date,
): { dueDate: IsoDate; dueAt: Date; workingDays: number } | null {
  if (!policy.overallLimit || policy.timescale.kind === 'none') return null;
  const start = startDayOf(calendar, raisedAt, policy.closeOfBusiness);
  const n = policy.overallLimit.workingDays;
  const due = addWorkingDays(
    calendar,
    start,
    policy.timescale.kind === 'cumulative-by-working-day' ? n - 1 : n,
  );
  return {
    dueDate: isoDateOf(due),
    dueAt: instantAt(due, policy.closeOfBusiness, calendar.zone),
    workingDays: n,
  };
}
