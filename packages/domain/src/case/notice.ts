import type { Recipient } from '../policy/policy.schema';

/** The messages a change to a case calls for; casework renders and queues them. */
export const NOTICE_KINDS = [
  /** to the raiser and those copied: the reference, stage, due date, how to reply */
  'acknowledgement',
  /** every accepted command, to all participants, in writing */
  'confirmation',
  /** the policy's notice on entering, resolving or closing a stage */
  'stage-notice',
  /** one working day before a stage's due date */
  'reminder',
  /** the case's calendar changed and a date not yet due moved, or was filled in */
  'deadline-changed',
  /** a stage's timescale ran out */
  'breach',
  /** the whole process ran past the policy's overall limit */
  'overall-breach',
  /** the breach rule asks for a documented rationale (REASON) */
  'rationale-request',
  /** the breach rule asks for an agreed timescale (EXTEND) */
  'timescale-request',
  /** a recorded rationale, forwarded to the partnership */
  'rationale-forwarded',
  /** to people just brought onto a case: what it is about and how to act on it */
  'added-to-case',
  /** to whoever sent FORM: the record form so far and what is still missing */
  'record-form',
  /** learning a participant sent (LEARNING), forwarded to the partnership */
  'learning-forwarded',
  /** after RESOLVED, AGREE or DECISION: to each participant, once, asking for learning and offering the debrief */
  'learning-request',
  /** one working day before a timed step's due date, to who acts on it */
  'step-reminder',
  /** a timed step's due date passed without it done */
  'step-breach',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface Notice {
  kind: NoticeKind;
  stage: number;
  /** role keys (resolved to addresses by casework) or addresses */
  to: (Recipient | `address:${string}`)[];
  /**
   * Unique within the case. Notices that must go once per stage (reminder, breach) use
   * `<kind>:<stage>`, so a second scheduler instance cannot send them twice; the rest
   * carry the case version that produced them.
   */
  key: string;
  /** the template's data beyond the case itself */
  data: Record<string, unknown>;
}
