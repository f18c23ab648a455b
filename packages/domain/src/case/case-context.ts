import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { PolicyFile } from '../policy/policy.schema';
import type { ParticipantLimits } from './participant-limits';

/** Everything a command needs besides the case: the rules, the calendar and the time. */
export interface CaseContext {
  policy: PolicyFile;
  calendar: WorkingDayCalendar;
  now: Date;
  /** deployment configuration; DEFAULT_PARTICIPANT_LIMITS when absent */
  participantLimits?: ParticipantLimits;
}
