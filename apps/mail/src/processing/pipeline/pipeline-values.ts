import type { Answer } from '@escalations/casework';
import type { MessageEnvelope, MessageKind } from '@escalations/db';
import type { EscalationForm, PolicyFile, ReplyCommand } from '@escalations/domain';
import type { InboundEmail, Mailbox, SenderVerdict } from '@escalations/email';

/**
 * The values the pipeline's steps hand on, each the one before it with what that step
 * learnt: parse → classify automatic → route → verify the sender → interpret → act → answer.
 * A step that settles the message early returns `{ done }` instead of the next value.
 */

/** A stored inbound message, as leased for processing. */
export interface StoredMessage {
  id: string;
  raw: Buffer;
  envelope: MessageEnvelope | null;
  receivedAt: Date;
}

/** What becomes of the message: the kind it was, its case, and why, in words. */
export interface Outcome {
  kind: MessageKind;
  caseId?: string | null;
  note?: string | null;
  authentication?: Record<string, unknown> | null;
}

/** An answer to the person who wrote: a form with problems, or why nothing changed. */
export interface SenderAnswer {
  to: string;
  policy: PolicyFile;
  template: 'form-problems' | 'command-refused';
  data: Record<string, unknown>;
  ref?: string;
  caseId?: string;
  answering?: Answer['answering'];
}

/**
 * How a message ends: already settled in the transaction that did its work (a case changed,
 * a command held, a bounce recorded), recorded with nothing to send, or answered.
 */
export type Disposition =
  { settled: Outcome } | { record: Outcome } | { answer: SenderAnswer; outcome: Outcome };

export type Step<Next> = { next: Next } | { done: Disposition };

/** parse: the message read, its attachments kept. */
export interface ParsedMessage {
  message: StoredMessage;
  email: InboundEmail;
  /** what its sender is told of attachments too large to keep */
  attachmentsNotKept: string | null;
}

/** classify automatic: written by a person (or a list a person wrote through), with a sender. */
export interface PersonMail extends ParsedMessage {
  from: { address: string; name: string | null };
}

/** What the message is addressed to: a confirmation, a case, or a new escalation. */
export type Addressed =
  | { kind: 'confirmation'; policyId: string; token: string }
  | { kind: 'case'; ref: string }
  | { kind: 'new-case' };

/** route: the policy mailbox it came to and what it is about. */
export interface RoutedMail extends PersonMail {
  mailbox: Mailbox;
  policy: PolicyFile;
  addressed: Addressed;
}

/** verify the sender: SPF, DKIM and DMARC, and what they allow. */
export interface VerifiedMail extends RoutedMail {
  verdict: SenderVerdict;
  authentication: Record<string, unknown>;
}

/** interpret: what the sender asks for, read from the form or the command. */
export type Interpreted = VerifiedMail &
  (
    | { ask: 'confirm'; token: string; text: string }
    | {
        ask: 'command';
        ref: string;
        /** the reply's own text, above any quoted mail */
        replyText: string;
        command: { ok: true; command: ReplyCommand } | { ok: false; problems: string[] };
      }
    | { ask: 'raise'; form: EscalationForm }
  );
