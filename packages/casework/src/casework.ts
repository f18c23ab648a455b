import {
  applyCommand,
  calendarOf,
  localMomentOf,
  isoDateOf,
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  DEFAULT_PARTICIPANT_LIMITS,
  type Notice,
  type ParticipantLimits,
  type PolicyFile,
  type PolicyLibrary,
  type RaiseCommand,
  type Refusal,
} from '@escalations/domain';
import {
  CaseReferenceRepository,
  CaseRepository,
  EventRepository,
  NoticeRepository,
  StaleCaseError,
  type Database,
  type Executor,
} from '@escalations/db';
import { directoryNames } from './agencies/directory-names';
import type { MailSettings } from './mail/mail-settings';
import { NoticeMailer } from './mail/notice-mailer';

export type CaseworkResult =
  | {
      ok: true;
      ref: string;
      caseId: string;
      state: CaseState;
      events: CaseEvent[];
      noticeKeys: string[];
    }
  | { ok: false; refusal: Refusal };

/** A new case as the doors receive it: everything but the reference, which is allocated here. */
export type OpenCaseInput = Omit<RaiseCommand, 'kind' | 'ref'> & { policyId: string };

export interface CaseworkDependencies {
  database: Database;
  library: PolicyLibrary;
  /** injected so tests move time instead of waiting for it */
  clock: () => Date;
  mail: MailSettings;
  /** MAX_PARTICIPANTS_PER_MESSAGE and MAX_PARTICIPANTS_PER_CASE; the domain's defaults when absent */
  participantLimits?: ParticipantLimits;
}

/**
 * Where a command came from, when it came by email: its mail threads under the message, and
 * whoever brought it may record what it did in the same transaction as the change (the mail
 * pipeline marks the message processed there, so a crash can never apply one email twice).
 */
export interface CommandOrigin {
  inReplyTo?: string | null;
  /** what the sender checks found, in words, when the sender is not verified */
  senderCheck?: string;
  /** what to tell of the message's attachments that were too large to keep */
  attachmentsNotKept?: string;
  /**
   * Work that must commit with the change or not at all (the message marked processed, a
   * held command marked confirmed): it runs in the case's transaction after the state
   * machine accepted the command, and throwing rolls everything back.
   */
  alsoInTransaction?: (tx: Executor, caseId: string) => Promise<void>;
}

/** A case as its lock holder sees it: the row's id and the state it holds. */
export interface LockedCase {
  id: string;
  state: CaseState;
  policy: PolicyFile;
}

/**
 * What someone holding the case's lock decided to do with it: apply a command as an actor,
 * or not act at all, for a reason the caller gets back untouched. Deciding under the lock
 * means who acts is judged on the state the command will be applied to.
 */
export type CaseDecision<Declined> =
  { act: { command: Exclude<CaseCommand, RaiseCommand>; actor: Actor } } | { decline: Declined };

export type DecidedResult<Declined> =
  CaseworkResult | { ok: false; declined: Declined; caseId: string; ref: string };

/**
 * The one path that changes a case. Every door (email, scheduler, API) comes here: load the
 * case and lock it, run the domain's state machine, write the new state, its events and its
 * notices in one transaction. A second command on the same case waits for the lock and is
 * then applied to what the first one wrote.
 */
export class Casework {
  private readonly cases = new CaseRepository();
  private readonly events = new EventRepository();
  private readonly notices = new NoticeRepository();
  private readonly references = new CaseReferenceRepository();
  private readonly mailer: NoticeMailer;

  private get participantLimits(): ParticipantLimits {
    return this.deps.participantLimits ?? DEFAULT_PARTICIPANT_LIMITS;
  }

  constructor(private readonly deps: CaseworkDependencies) {
    this.mailer = new NoticeMailer(deps.mail, [...deps.library.policies.keys()], deps.library);
  }

  async open(
    input: OpenCaseInput,
    actor: Actor,
    origin: CommandOrigin = {},
  ): Promise<CaseworkResult> {
    const { policyId, ...raise } = input;
    const policy = this.deps.library.policies.get(policyId);
    if (!policy) {
      return {
        ok: false,
        refusal: { code: 'no-case', message: `there is no policy "${policyId}"` },
      };
    }
    // The case's own calendar where the policy allows several; the domain refuses one it does not.
    const calendar = calendarOf(this.deps.library, policy, raise.calendarId);
    return this.deps.database
      .transaction(async (tx) => {
        const year = Number(
          isoDateOf(localMomentOf(raise.raisedAt, calendar.zone).day).slice(0, 4),
        );
        const ref = await this.references.next(tx, policy.id, policy.code, year);
        const now = this.deps.clock();
        const named = await directoryNames(tx, policy.id, raise);
        const result = applyCommand(
          null,
          { kind: 'raise', ref, ...raise, ...named },
          { policy, calendar, now, participantLimits: this.participantLimits },
          actor,
        );
        // Throwing rolls the reference back with everything else: a refused raise leaves no trace.
        if (!result.ok) throw new RefusedRaise(result.refusal);
        const caseId = await this.cases.insert(tx, result.state);
        return this.record(tx, { caseId, policy, actor, now, origin }, result);
      })
      .catch((error: unknown) => rolledBackRefusal(error));
  }

  async apply(
    ref: string,
    command: Exclude<CaseCommand, RaiseCommand>,
    actor: Actor,
    origin: CommandOrigin = {},
  ): Promise<CaseworkResult> {
    const result = await this.decideAndApply<never>(
      ref,
      () => ({ act: { command, actor } }),
      origin,
    );
    // nothing declines a command given outright
    if ('declined' in result) throw new Error(`case ${ref}: a given command was declined`);
    return result;
  }

  /**
   * Locks the case, lets `decide` judge who acts and whether on the state it holds, and
   * applies what it decided, all in one transaction. `decide` may read (with the executor it
   * is given) but must not write: a declined decision commits nothing.
   */
  async decideAndApply<Declined>(
    ref: string,
    decide: (
      tx: Executor,
      locked: LockedCase,
    ) => CaseDecision<Declined> | Promise<CaseDecision<Declined>>,
    origin: CommandOrigin = {},
  ): Promise<DecidedResult<Declined>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.decideAndApplyOnce(ref, decide, origin);
      } catch (error) {
        // The row lock makes this rare; if it happens, decide again on the fresh state.
        if (error instanceof StaleCaseError && attempt < 3) continue;
        throw error;
      }
    }
  }

  private async decideAndApplyOnce<Declined>(
    ref: string,
    decide: (
      tx: Executor,
      locked: LockedCase,
    ) => CaseDecision<Declined> | Promise<CaseDecision<Declined>>,
    origin: CommandOrigin,
  ): Promise<DecidedResult<Declined>> {
    return this.deps.database.transaction(async (tx) => {
      const record = await this.cases.lockByRef(tx, ref);
      if (!record)
        return {
          ok: false,
          refusal: { code: 'no-case', message: `there is no case ${ref}` },
        } as const;
      const policy = this.deps.library.policies.get(record.state.policyId);
      if (!policy)
        throw new Error(
          `case ${ref} belongs to policy ${record.state.policyId}, which is not loaded`,
        );
      const decision = await decide(tx, { id: record.id, state: record.state, policy });
      if ('decline' in decision)
        return { ok: false, declined: decision.decline, caseId: record.id, ref } as const;
      const { command, actor } = decision.act;
      const context = {
        policy,
        calendar: calendarOf(this.deps.library, policy, record.state.calendarId),
        now: this.deps.clock(),
        participantLimits: this.participantLimits,
      };
      const result = applyCommand(record.state, command, context, actor);
      if (!result.ok) return result;
      await this.cases.update(tx, record.id, result.state, record.state.version);
      return this.record(
        tx,
        { caseId: record.id, policy, actor, now: context.now, origin },
        result,
      );
    });
  }

  /** Append the events, write the new notices once each, and queue their mail. */
  private async record(
    tx: Executor,
    at: { caseId: string; policy: PolicyFile; actor: Actor; now: Date; origin: CommandOrigin },
    change: { state: CaseState; events: CaseEvent[]; notices: Notice[] },
  ): Promise<CaseworkResult> {
    await this.events.append(tx, at.caseId, change.events);
    const written = await this.notices.insertNew(tx, at.caseId, change.notices);
    const byKey = new Map(written.map((row) => [row.key, row.id]));
    const toSend = change.notices.flatMap((notice) => {
      const id = byKey.get(notice.key);
      return id ? [{ ...notice, id }] : [];
    });
    await at.origin.alsoInTransaction?.(tx, at.caseId);
    await this.mailer.queue(
      tx,
      at.caseId,
      at.policy,
      change.state,
      toSend,
      {
        id: at.actor.id,
        verified: at.actor.verified,
        ...(at.origin.senderCheck ? { senderCheck: at.origin.senderCheck } : {}),
        ...(at.origin.attachmentsNotKept
          ? { attachmentsNotKept: at.origin.attachmentsNotKept }
          : {}),
        ...(at.actor.confirmedBy ? { confirmedBy: at.actor.confirmedBy } : {}),
      },
      at.now,
      at.origin.inReplyTo,
    );
    return {
      ok: true,
      ref: change.state.ref,
      caseId: at.caseId,
      state: change.state,
      events: change.events,
      noticeKeys: written.map((n) => n.key),
    };
  }
}

/** `tx.rollback()` throws to abort the transaction; the refusal travels inside it. */
class RefusedRaise extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

function rolledBackRefusal(error: unknown): CaseworkResult {
  if (error instanceof RefusedRaise) return { ok: false, refusal: error.refusal };
  throw error;
}
