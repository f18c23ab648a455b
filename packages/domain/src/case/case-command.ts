import type { RiskLevel } from '../grammar/escalation-form.schema';
import type { Person } from '../grammar/person.schema';
import type { Newcomer } from '../grammar/reply-command.schema';
import type { IsoDate } from '../time/local-date';

/** Who is acting, as the door that received the command established it. */
export const ACTOR_KINDS = [
  /** a person on the case */
  'participant',
  /** an agency's directory contact for a stage */
  'directory-contact',
  /** partnership staff */
  'partnership',
  /** an administrator through the API */
  'admin',
  /** the deadline scheduler */
  'scheduler',
  /** anyone else: may raise a case, may not act on one */
  'stranger',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface Actor {
  kind: ActorKind;
  /** the address or the API key's label */
  id: string;
  name?: string;
  agency?: string;
  /** whether the sender checks passed for the sender's own domain (true for the API and scheduler) */
  verified: boolean;
  /**
   * how an unverified sender proved the command theirs: by replying from their own mailbox
   * to the one-time address the confirmation request went to
   */
  confirmedBy?: 'reply';
}

export interface RaiseCommand {
  kind: 'raise';
  /** one of the policy's calendars (islands: alderney); absent: the policy's default */
  calendarId?: string;
  ref: string;
  raisedAt: Date;
  raisedBy: Person;
  caseName: string;
  agency: string;
  otherAgency: string;
  disagreement: string;
  category: string;
  risk: RiskLevel;
  startStage: number;
  manager?: Person;
  otherPractitioner?: Person;
  copied?: Person[];
  outcomeSought?: string;
  attemptsSoFar?: string;
  /** an earlier escalation entered after the fact, with its real `raisedAt` */
  imported?: boolean;
}

/**
 * Every command a person gives may bring people onto the case with `Next contact:` lines
 * (`nextContacts`): whoever holds a stage now can be brought in by anyone already on it.
 */
export type CaseCommand =
  | RaiseCommand
  | { kind: 'escalate'; reason: string; nextContacts?: Person[] }
  | { kind: 'resolve'; outcome: string; outstanding?: string[]; nextContacts?: Person[] }
  | { kind: 'extend'; reason: string; workingDays: number; nextContacts?: Person[] }
  | { kind: 'extend'; reason: string; until: IsoDate; nextContacts?: Person[] }
  | { kind: 'reason'; rationale: string; nextContacts?: Person[] }
  | { kind: 'note'; note: string; nextContacts?: Person[] }
  | { kind: 'withdraw'; reason: string; nextContacts?: Person[] }
  | { kind: 'decision'; decision: string; nextContacts?: Person[] }
  /** LEARNING: what the case taught, given after it closed; forwarded to the partnership */
  | {
      kind: 'learning';
      learning: string;
      /** the agency it is from, where an administrator records it for one; else the sender's */
      agency?: string;
      nextContacts?: Person[];
    }
  /** ADD: people brought onto the case, with an optional note of why */
  | { kind: 'add'; people: Newcomer[]; note?: string }
  /** the raising side accepts the outcome the other side proposed; `text` is optional */
  | { kind: 'agree'; text?: string; nextContacts?: Person[] }
  /** FORM: `Label: value` lines for one of the policy's record forms (the stage's when not named) */
  | { kind: 'form'; formId?: string; text: string; nextContacts?: Person[] }
  /** the scheduler, after the case's calendar changed: count the dates not yet due again */
  | { kind: 'recompute'; reason: string }
  /** RECOMMEND: the step of the stage the reply records done (NEL: the Chair's recommendation) */
  | {
      kind: 'recommend';
      recommendation: string;
      /** why someone else records it for whoever the step names (an administrator, say) */
      reason?: string;
      nextContacts?: Person[];
    }
  | { kind: 'remind'; stage: number }
  /** a timed step's reminder and breach, as the scheduler finds them due */
  | { kind: 'step-remind'; stage: number; step: string }
  | { kind: 'step-breach'; stage: number; step: string }
  | { kind: 'breach'; stage: number }
  | { kind: 'overall-breach' };

export type CaseCommandKind = CaseCommand['kind'];
