import type { AnswerMailer, Casework, MailSettings } from '@escalations/casework';
import { HeldCommandRepository, type Database, type Executor } from '@escalations/db';
import {
  addressKey,
  type Actor,
  type CaseCommand,
  type PolicyFile,
  type RaiseCommand,
} from '@escalations/domain';
import { newConfirmationToken, signConfirmationAddress } from '@escalations/email';
import { settle } from './pipeline/answer';
import type { Outcome } from './pipeline/pipeline-values';

/** How long a participant has to confirm a held command. */
export const CONFIRMATION_HOURS = 72;

type CaseChangeCommand = Exclude<CaseCommand, RaiseCommand>;

export interface CommandToHold {
  messageRowId: string;
  inReplyTo: string | null;
  policy: PolicyFile;
  ref: string;
  caseId: string;
  /** the sender as identified: a participant, staff or a directory contact, not verified */
  actor: Actor;
  command: CaseChangeCommand;
  /** the command word and its text, as written, to quote back */
  commandName: string;
  commandText: string;
  /** why the sender could not be verified, in words */
  why: string;
  authentication: Record<string, unknown>;
}

export interface Confirmation {
  messageRowId: string;
  inReplyTo: string | null;
  token: string;
  /** who replied to the confirmation address */
  from: string;
  /** the first line of what they wrote */
  text: string;
  /** what commits with the command applied (the reply marked processed) */
  alsoInTransaction: (tx: Executor, caseId: string) => Promise<void>;
}

export type ConfirmationResult =
  | { ok: true; ref: string; caseId: string }
  | { ok: false; ref: string | null; caseId: string | null; problem: string; note: string };

/**
 * A command from a sender the checks could not verify is held, and its sender is asked to
 * confirm it from their own mailbox: the request goes to the address the participant is
 * known by (never to a Reply-To), with a one-time signed address to answer to. A spoofer
 * never sees that address; the real participant who did not write sees a request they can
 * ignore. A reply from it applies the command, recorded as confirmed by reply.
 */
export class CommandConfirmation {
  private readonly held = new HeldCommandRepository();

  constructor(
    private readonly deps: {
      database: Database;
      casework: Casework;
      mail: MailSettings;
      answers: AnswerMailer;
      clock: () => Date;
      zoneOf: (policy: PolicyFile) => string;
    },
  ) {}

  /** Holds the command and asks for confirmation; the message is settled with it. */
  async hold(command: CommandToHold): Promise<Outcome> {
    const now = this.deps.clock();
    const expiresAt = new Date(now.getTime() + CONFIRMATION_HOURS * 3_600_000);
    const token = newConfirmationToken();
    return this.deps.database.transaction(async (tx) => {
      await this.held.hold(tx, {
        token,
        caseId: command.caseId,
        messageId: command.messageRowId,
        sender: command.actor.id,
        actor: { ...command.actor },
        command: { ...command.command },
        heldAt: now,
        expiresAt,
      });
      const sent = await this.deps.answers.queue(
        tx,
        {
          to: command.actor.id,
          policy: command.policy,
          template: 'confirmation-request',
          data: {
            why: command.why,
            expiresAt: formatInstant(expiresAt, this.deps.zoneOf(command.policy)),
            commandName: command.commandName,
            commandText: command.commandText,
          },
          ref: command.ref,
          caseId: command.caseId,
          inReplyTo: command.inReplyTo,
          replyTo: signConfirmationAddress(this.deps.mail.replySecret, this.deps.mail.domain, {
            policyId: command.policy.id,
            token,
          }),
        },
        now,
      );
      const outcome: Outcome = {
        kind: 'reply',
        caseId: command.caseId,
        authentication: command.authentication,
        note: sent
          ? 'held: sender not verified; confirmation requested from their own address'
          : 'held: sender not verified; confirmation not sent: answer limit reached',
      };
      await settle(tx, command.messageRowId, outcome, now);
      return outcome;
    });
  }

  /** A reply to a confirmation address: applies the held command once, or says why not. */
  async confirm(reply: Confirmation): Promise<ConfirmationResult> {
    const now = this.deps.clock();
    const held = await this.held.findByToken(this.deps.database, reply.token);
    if (!held) {
      return refused(null, null, 'This confirmation address is not known.', 'unknown confirmation');
    }
    const { ref, caseId } = held;
    if (addressKey(reply.from) !== held.sender) {
      // Someone else holding the address learns nothing of the case from the answer.
      return refused(
        null,
        caseId,
        'Only the person the confirmation request was sent to can confirm it.',
        'confirmation from another address',
      );
    }
    if (held.status !== 'held') {
      return refused(ref, caseId, 'This was confirmed already.', 'confirmed already');
    }
    if (now.getTime() > held.expiresAt.getTime()) {
      return refused(
        ref,
        caseId,
        `The ${CONFIRMATION_HOURS} hours to confirm have passed, so nothing was changed. Send the command again if it still stands.`,
        'confirmation expired',
      );
    }
    if (!/^\s*confirm\b/i.test(reply.text)) {
      return refused(
        ref,
        caseId,
        'To confirm, reply with CONFIRM as the first line. Nothing was changed.',
        'confirmation without CONFIRM',
      );
    }
    const actor = { ...(held.actor as unknown as Actor), confirmedBy: 'reply' as const };
    const result = await this.deps.casework.apply(
      ref,
      held.command as unknown as CaseChangeCommand,
      actor,
      {
        inReplyTo: reply.inReplyTo,
        alsoInTransaction: async (tx: Executor, changed: string) => {
          await this.claim(tx, held.id, reply.messageRowId, now);
          await reply.alsoInTransaction(tx, changed);
        },
      },
    );
    if (!result.ok) {
      return refused(ref, caseId, result.refusal.message, `refused: ${result.refusal.code}`);
    }
    return { ok: true, ref, caseId: result.caseId };
  }

  /** Marks it confirmed in the case's transaction: two confirmations racing apply it once. */
  private async claim(tx: Executor, id: string, by: string, at: Date): Promise<void> {
    if (!(await this.held.markConfirmed(tx, id, by, at))) throw new ConfirmedAlready();
  }
}

class ConfirmedAlready extends Error {
  constructor() {
    super('the held command was confirmed by another reply');
  }
}

function refused(
  ref: string | null,
  caseId: string | null,
  problem: string,
  note: string,
): ConfirmationResult {
  return { ok: false, ref, caseId, problem, note };
}

function formatInstant(at: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(at);
}
