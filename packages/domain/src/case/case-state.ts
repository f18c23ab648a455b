import type { Person } from '../grammar/person.schema';
import type { RiskLevel } from '../grammar/escalation-form.schema';
import type { IsoDate } from '../time/local-date';
import type { BeyondCalendar } from '../deadline/beyond-calendar';
import type { SentForms } from '../records/filled-form';

/**
 * A case as the state machine sees it. Plain JSON (instants as ISO 8601 UTC strings) so
 * the database stores it as it is and tests compare it as it is.
 */

export const CASE_STATUSES = ['open', 'resolved', 'withdrawn', 'decided'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const PARTICIPANT_ROLES = [
  'raiser',
  'manager',
  'other-practitioner',
  'next-contact',
  'copied',
  'contact',
  /** brought in later by someone on the case (`ADD`) */
  'added',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/**
 * The two sides of a disagreement (issue 10): the raising side (the raiser, their manager,
 * the people they bring in, the raising agency's contacts) challenges; the other side (the
 * other practitioner, the people they bring in, that agency's contacts) is challenged. Only
 * the raising side may close its own challenge; a participant of neither side (someone
 * copied on the raise, partnership staff) may act but not close.
 */
export const CASE_SIDES = ['raising', 'other'] as const;
export type CaseSide = (typeof CASE_SIDES)[number];

/** How a stage began: the raise, someone's ESCALATE, or the breach rule. */
export const STAGE_ENTRIES = ['raise', 'escalation', 'breach'] as const;
export type StageEntry = (typeof STAGE_ENTRIES)[number];

export const STAGE_OUTCOMES = ['resolved', 'escalated', 'withdrawn', 'decided'] as const;
export type StageOutcome = (typeof STAGE_OUTCOMES)[number];

export interface Participant extends Person {
  role: ParticipantRole;
  agency?: string;
  joinedAtStage: number;
  /** the role they hold, as whoever added them wrote it (`Role: Team Manager`) */
  roleTitle?: string;
  /** absent for someone of neither side */
  side?: CaseSide;
}

/** The other side's `RESOLVED`: an outcome awaiting the raising side's `AGREE`. */
export interface ProposedOutcome {
  text: string;
  outstanding: string[];
  by: string;
  at: string;
  stage: number;
}

export interface Extension {
  agreedAt: string;
  agreedBy: string;
  /** the due date it replaced */
  fromDueDate: IsoDate;
  dueDate: IsoDate;
  dueAt: string;
  reason: string;
}

export interface Rationale {
  text: string;
  by: string;
  at: string;
}

export interface Breach {
  /** the due instant that passed: a breach is dated then, not when it was noticed */
  at: string;
  dueDate: IsoDate;
  recordedAt: string;
  rationale?: Rationale;
}

/** How a timed step ended: its reply (RECOMMEND) came, or its stage ended first. */
export const STEP_ENDINGS = ['reply', 'stage-ended'] as const;
export type StepEnding = (typeof STEP_ENDINGS)[number];

/** A timed step inside a stage (the policy's `steps:`), with its own due date. */
export interface StepRecord {
  /** the policy's step id, e.g. chair-recommendation */
  id: string;
  /** D0 of the step's clock */
  startDate: IsoDate | null;
  dueDate: IsoDate | null;
  dueAt: string | null;
  /** 09:00 local the working day before the due date; null when there is no reminder */
  remindAt: string | null;
  remindedAt: string | null;
  /** the due instant that passed without the step done: a breach is dated then */
  breachedAt: string | null;
  /** REASON's rationale for the missed step, as a stage breach keeps its own */
  rationale?: Rationale;
  /** when the scheduler next needs to look at this step; null when nothing is pending */
  checkAt: string | null;
  completedAt: string | null;
  endedBy: StepEnding | null;
  /** set while the due date falls past its calendar's last year */
  beyondCalendar?: BeyondCalendar | null;
}

export interface StageRecord {
  number: number;
  startedAt: string;
  enteredBy: StageEntry;
  /** D0 of the stage's clock; null where the policy sets no timescales */
  startDate: IsoDate | null;
  /** the policy's due date, kept on record when an extension replaces it */
  policyDueDate: IsoDate | null;
  dueDate: IsoDate | null;
  dueAt: string | null;
  extensions: Extension[];
  breaches: Breach[];
  remindedAt: string | null;
  /** 09:00 local the working day before the due date; null when there is no reminder */
  remindAt: string | null;
  /** when the scheduler next needs to look at this stage; null when nothing is pending */
  checkAt: string | null;
  completedAt: string | null;
  outcome: StageOutcome | null;
  /** working days from the stage's start day to the day it ended; null while open */
  workingDaysTaken: number | null;
  /**
   * set while the stage's due date falls past its calendar's last year (no due date yet):
   * the year to add; the dates are filled in when it is
   */
  beyondCalendar?: BeyondCalendar | null;
  /** the stage's timed steps (NEL stage 5: the Chair's recommendation); absent when none */
  steps?: StepRecord[];
}

export interface CaseState {
  ref: string;
  policyId: string;
  status: CaseStatus;
  /** bumped by every accepted command; casework uses it to refuse a stale write */
  version: number;
  raisedAt: string;
  /** child's or adult's name, PID or NHS number: never in subjects or logs */
  caseName: string;
  agency: string;
  otherAgency: string;
  disagreement: string;
  category: string;
  risk: RiskLevel;
  outcomeSought: string | null;
  attemptsSoFar: string | null;
  participants: Participant[];
  stages: StageRecord[];
  /** where the policy has an overall limit */
  overallDueDate: IsoDate | null;
  overallDueAt: string | null;
  overallBreachedAt: string | null;
  /** set while the overall limit falls past the calendar's last year */
  overallBeyondCalendar?: BeyondCalendar | null;
  /**
   * the calendar the case counts its working days in, where its policy allows several
   * (islands: guernsey or alderney); absent: the policy's first
   */
  calendarId?: string;
  /** when the scheduler needs to look at the overall limit; null when nothing is pending */
  overallCheckAt: string | null;
  closedAt: string | null;
  /** the agreed outcome, the final decision or the reason for withdrawal */
  closingText: string | null;
  outstanding: string[];
  /** an outcome the other side proposed, until agreed or superseded */
  proposal: ProposedOutcome | null;
  /** what participants wrote on the policy's record forms (`FORM`), by form id and field key */
  forms?: SentForms;
}

export function currentStage(state: CaseState): StageRecord {
  const stage = state.stages.at(-1);
  if (!stage) throw new Error(`case ${state.ref} has no stage`);
  return stage;
}
