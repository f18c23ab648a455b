/** What happened to a case: one row each in the append-only audit trail. */
export const CASE_EVENT_TYPES = [
  'case-raised',
  'stage-entered',
  'escalated',
  'resolved',
  'outcome-proposed',
  'extended',
  'deadline-recomputed',
  'rationale-recorded',
  'noted',
  'withdrawn',
  'decided',
  'reminder-due',
  'stage-breached',
  'overall-limit-breached',
  'participant-added',
  /** its personal data replaced by a marker (retention, or an administrator); the skeleton stays */
  'personal-data-erased',
  'form-filled',
  /** LEARNING: what the case taught, with its category and the sender's agency */
  'learning-recorded',
  /** a timed step inside a stage (NEL: the Chair's recommendation): reminder, breach, done */
  'step-reminder-due',
  'step-breached',
  'step-done',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export interface CaseEvent {
  type: CaseEventType;
  at: string;
  stage: number;
  /** who acted: an address, an API key's label, or `scheduler` */
  actor: string;
  /** whether the actor's mail passed the sender checks (true for the API and scheduler) */
  verified: boolean;
  data: Record<string, unknown>;
}
