import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { PolicyFile } from '../policy/policy.schema';

/** Everything a command needs besides the case: the rules, the calendar and the time. */
export interface CaseContext {
  policy: PolicyFile;
  calendar: WorkingDayCalendar;
  now: Date;
}
