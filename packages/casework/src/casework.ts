import { randomUUID } from 'node:crypto';
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
  OutboxRepository,
  type Database,
  type Executor,
} from '@escalations/db';
import { directoryNamesOfEach } from './agencies/directory-names';
import type { MailSettings } from './mail/mail-settings';
import { NoticeMailer, type WrittenNotice } from './mail/notice-mailer';

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

/**
 * What became of one command of a batch (`applyEach`): its result, what it threw, or not
 * tried because an earlier command on the same case threw.
 */
export type BatchOutcome = { result: CaseworkResult } | { error: unknown } | { notTried: true };

/** One command of a batch, on the case it names. */
export interface BatchItem {
  ref: string;
  command: Exclude<CaseCommand, RaiseCommand>;
}

/** A new case as the doors receive it: everything but the reference, which is allocated here. */
export type OpenCaseInput = Omit<RaiseCommand, 'kind' | 'ref'> & { policyId: string };

/** One new case of a batch (`openEach`), as `open` takes it. */
export interface OpenItem {
  input: OpenCaseInput;
  actor: Actor;
  origin?: CommandOrigin;
}

/**
 * Work that commits with a batch's new cases or not at all (`openEach`), done once for them
 * all: given each opened case's place in the batch and its id. Should the batch be opened
 * case by case, it is done with each case, given that case alone.
 */
export type AlsoForEachOpened = (
  tx: Executor,
  opened: readonly { index: number; caseId: string }[],
) => Promise<void>;

/** What became of one new case of a batch: its result, or what it threw. */
export type OpenOutcome = { result: CaseworkResult } | { error: unknown };

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
  private readonly outbox = new OutboxRepository();
  private readonly references = new CaseReferenceRepository();
  private readonly mailer: NoticeMailer;

  private get participantLimits(): ParticipantLimits {
    return this.deps.participantLimits ?? DEFAULT_PARTICIPANT_LIMITS;
  }

  constructor(private readonly deps: CaseworkDependencies) {
    this.mailer = new NoticeMailer(deps.mail, [...deps.library.policies.keys()], deps.library);
  }

  /**
   * A new case: its reference taken, its agencies named as the directory spells them, the
   * state machine's raise applied, and the case, its events, notices and mail written, in
   * one transaction. A refused raise takes no reference: the references have no gaps.
   */
  async open(
    input: OpenCaseInput,
    actor: Actor,
    origin: CommandOrigin = {},
  ): Promise<CaseworkResult> {
    const [outcome] = await this.deps.database.transaction((tx) =>
      this.openEachIn(tx, [{ input, actor, origin }]),
    );
    return outcome!.result;
  }

  /**
   * Several new cases, each opened as `open` opens it, in one transaction: the references
   * of a policy and year reserved in one statement, in the order given, and each table
   * written once whatever the number of cases (the mail processor opens what one lease
   * brought in together). A refused raise is refused alone and takes no reference; should
   * anything throw, nothing of the batch stays and each case is opened on its own, so one
   * case's failure never loses or blocks the others'.
   */
  async openEach(
    items: readonly OpenItem[],
    alsoInTransaction?: AlsoForEachOpened,
  ): Promise<OpenOutcome[]> {
    if (items.length === 0) return [];
    try {
      return await this.deps.database.transaction((tx) =>
        this.openEachIn(tx, items, alsoInTransaction),
      );
    } catch {
      return this.openEachAlone(items, alsoInTransaction);
    }
  }

  /** Each case opened on its own, as a batch that threw is: one failing never stops the rest. */
  protected async openEachAlone(
    items: readonly OpenItem[],
    alsoInTransaction?: AlsoForEachOpened,
  ): Promise<OpenOutcome[]> {
    return oneByOne(items, ({ input, actor, origin = {} }, index) =>
      this.open(
        input,
        actor,
        alsoInTransaction
          ? {
              ...origin,
              alsoInTransaction: async (tx, caseId) => {
                await origin.alsoInTransaction?.(tx, caseId);
                await alsoInTransaction(tx, [{ index, caseId }]);
              },
            }
          : origin,
      ),
    );
  }

  /** The new cases in the caller's transaction; throws, writing nothing, should any write fail. */
  private async openEachIn(
    tx: Executor,
    items: readonly OpenItem[],
    alsoInTransaction?: AlsoForEachOpened,
  ): Promise<{ result: CaseworkResult }[]> {
    const now = this.deps.clock();
    const outcomes: { result: CaseworkResult }[] = [];
    const refused = (code: Refusal['code'], message: string): { result: CaseworkResult } => ({
      result: { ok: false, refusal: { code, message } },
    });
    const ready: {
      index: number;
      raise: Omit<RaiseCommand, 'kind' | 'ref'>;
      policy: PolicyFile;
      context: Parameters<typeof applyCommand>[2];
      actor: Actor;
      origin: CommandOrigin;
    }[] = [];
    items.forEach(({ input, actor, origin = {} }, index) => {
      const { policyId, ...raise } = input;
      const policy = this.deps.library.policies.get(policyId);
      if (!policy) {
        outcomes[index] = refused('no-case', `there is no policy "${policyId}"`);
        return;
      }
      const calendar = calendarOf(this.deps.library, policy, raise.calendarId);
      const context = { policy, calendar, now, participantLimits: this.participantLimits };
      ready.push({ index, raise, policy, context, actor, origin });
    });
    // the forms' agency names as the directory spells them, one statement for every policy
    const named = await directoryNamesOfEach(
      tx,
      ready.map(({ policy, raise }) => ({ policyId: policy.id, ...raise })),
    );
    ready.forEach((item, i) => (item.raise = { ...item.raise, ...named[i] }));
    // judged first: a refused raise takes no reference, so the references have no gaps
    const accepted = ready.flatMap((item) => {
      const trial = applyCommand(
        null,
        { kind: 'raise', ref: `${item.policy.code}-0000-0000`, ...item.raise },
        item.context,
        item.actor,
      );
      if (!trial.ok) outcomes[item.index] = { result: trial };
      return trial.ok ? [{ ...item, trial: trial.state }] : [];
    });
    if (accepted.length === 0) return outcomes;
    // What the mail will need read now: a reference, once reserved, is held to the commit
    // and every other processor opening a case of the policy waits for it.
    await this.mailer.readAhead(
      tx,
      accepted.map(({ policy, trial }) => ({ policy, state: trial })),
    );
    const byYear = new Map<string, { policy: PolicyFile; year: number; items: typeof accepted }>();
    for (const item of accepted) {
      const year = yearOf(item.raise.raisedAt, item.context.calendar.zone);
      const key = `${item.policy.id} ${year}`;
      const group = byYear.get(key) ?? { policy: item.policy, year, items: [] };
      group.items.push(item);
      byYear.set(key, group);
    }
    // in one order, whoever takes them: two batches never wait for each other's references
    const groups = [...byYear.keys()].sort().map((key) => byYear.get(key)!);
    const reserved = await this.references.reserve(
      tx,
      groups.map(({ policy, year, items }) => ({
        policyId: policy.id,
        code: policy.code,
        year,
        count: items.length,
      })),
    );
    const refs = new Map(
      groups.flatMap(({ items }, g) => items.map((item, i) => [item, reserved[g]![i]!] as const)),
    );
    // From here a failure throws: the batch is rolled back and each case opened alone.
    const opened = accepted.map((item) => {
      const result = applyCommand(
        null,
        { kind: 'raise', ref: refs.get(item)!, ...item.raise },
        item.context,
        item.actor,
      );
      if (!result.ok)
        throw new Error(`a raise accepted on trial was refused: ${result.refusal.code}`);
      return { ...item, id: randomUUID(), change: result };
    });
    // the cases' ids are known, so every write goes to the server together, in this order
    const [, , written] = await Promise.all([
      this.cases.insertMany(
        tx,
        opened.map(({ id, change }) => ({ id, state: change.state })),
      ),
      this.events.appendMany(
        tx,
        opened.map(({ id, change }) => ({ caseId: id, events: change.events })),
      ),
      this.notices.insertNewMany(
        tx,
        opened.map(({ id, change }) => ({ caseId: id, notices: change.notices })),
      ),
      ...opened.map(({ id, origin }) => origin.alsoInTransaction?.(tx, id)),
      alsoInTransaction?.(
        tx,
        opened.map(({ index, id }) => ({ index, caseId: id })),
      ),
    ]);
    const withIds = noticeIds(written);
    const toSend = opened.map(({ id, change }) => withIds(id, change.notices));
    const mails = [];
    for (const [i, { id, policy, actor, origin, change }] of opened.entries()) {
      mails.push(
        ...(await this.mailer.compose(
          tx,
          id,
          policy,
          change.state,
          toSend[i]!,
          authorOf(actor, origin),
          now,
          origin.inReplyTo,
        )),
      );
    }
    await this.outbox.enqueueMany(tx, mails);
    opened.forEach(({ index, id, change }, i) => {
      outcomes[index] = { result: changed(id, change, toSend[i]!) };
    });
    return outcomes;
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
    return this.deps.database.transaction(async (tx) => {
      const record = await this.cases.lockByRef(tx, ref);
      if (!record)
        return {
          ok: false,
          refusal: { code: 'no-case', message: `there is no case ${ref}` },
        } as const;
      const policy = this.policyOf(record.state);
      const decision = await decide(tx, { id: record.id, state: record.state, policy });
      if ('decline' in decision)
        return { ok: false, declined: decision.decline, caseId: record.id, ref } as const;
      const { command, actor } = decision.act;
      const { result, now } = this.decideLocked(record.state, policy, command, actor);
      if (!result.ok) return result;
      // the case is locked: the batch writer writes only what changed, a statement a table
      await this.cases.updateLocked(tx, [
        { id: record.id, before: record.state, after: result.state },
      ]);
      return this.record(tx, { caseId: record.id, policy, actor, now, origin }, result);
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
      authorOf(at.actor, at.origin),
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

  /**
   * Several commands from one actor (the scheduler's due work), each applied as `apply`
   * applies it, in the order given, a run of commands on distinct cases per transaction:
   * the cases are locked in one statement, the state machine decides each command, and what
   * they accepted is written with one statement per table, whatever the number of cases. A
   * command that throws before anything is written (its policy no longer loaded) fails
   * alone, and its case is not tried again in the batch; should a write fail, or the
   * transaction itself (a lock it could not take, its commit), nothing of the run stays and
   * each of its commands is applied again on its own, so one case's failure never loses or
   * blocks the others'.
   */
  async applyEach(items: readonly BatchItem[], actor: Actor): Promise<BatchOutcome[]> {
    const outcomes: BatchOutcome[] = [];
    const failed = new Set<string>();
    let run: BatchItem[] = [];
    const applyRun = async () => {
      if (run.length === 0) return;
      const todo = run.filter((item) => !failed.has(item.ref));
      const done = await this.applyRun(todo, actor);
      let next = 0;
      for (const item of run) {
        if (failed.has(item.ref) && !todo.includes(item)) {
          outcomes.push({ notTried: true });
          continue;
        }
        const outcome = done[next++]!;
        if ('error' in outcome) failed.add(item.ref);
        outcomes.push(outcome);
      }
      run = [];
    };
    for (const item of items) {
      // a case's next command waits for the next run, to be decided on what this one wrote
      if (run.some((queued) => queued.ref === item.ref)) await applyRun();
      run.push(item);
    }
    await applyRun();
    return outcomes;
  }

  /** Commands on distinct cases, in one transaction, or each alone should that fail. */
  private async applyRun(items: readonly BatchItem[], actor: Actor): Promise<BatchOutcome[]> {
    if (items.length === 0) return [];
    try {
      return await this.deps.database.transaction((tx) => this.applyRunIn(tx, items, actor));
    } catch {
      return oneByOne(items, ({ ref, command }) => this.apply(ref, command, actor));
    }
  }

  private async applyRunIn(
    tx: Executor,
    items: readonly BatchItem[],
    actor: Actor,
  ): Promise<BatchOutcome[]> {
    const locked = await this.cases.lockManyByRef(
      tx,
      items.map((item) => item.ref),
    );
    const outcomes: BatchOutcome[] = [];
    const accepted: {
      index: number;
      id: string;
      before: CaseState;
      policy: PolicyFile;
      now: Date;
      change: Extract<ReturnType<typeof applyCommand>, { ok: true }>;
    }[] = [];
    items.forEach(({ ref, command }, index) => {
      const record = locked.get(ref);
      if (!record) {
        outcomes[index] = {
          result: { ok: false, refusal: { code: 'no-case', message: `there is no case ${ref}` } },
        };
        return;
      }
      try {
        const policy = this.policyOf(record.state);
        const { result, now } = this.decideLocked(record.state, policy, command, actor);
        if (!result.ok) outcomes[index] = { result };
        else
          accepted.push({
            index,
            id: record.id,
            before: record.state,
            policy,
            now,
            change: result,
          });
      } catch (error) {
        outcomes[index] = { error };
      }
    });
    if (accepted.length === 0) return outcomes;
    // From here a failure throws: the run is rolled back and each command applied alone.
    await this.cases.updateLocked(
      tx,
      accepted.map(({ id, before, change }) => ({ id, before, after: change.state })),
    );
    await this.events.appendMany(
      tx,
      accepted.map(({ id, change }) => ({ caseId: id, events: change.events })),
    );
    const written = await this.notices.insertNewMany(
      tx,
      accepted.map(({ id, change }) => ({ caseId: id, notices: change.notices })),
    );
    const withIds = noticeIds(written);
    const toSend = accepted.map(({ id, change }) => withIds(id, change.notices));
    const mails = await Promise.all(
      accepted.map(({ id, policy, now, change }, i) =>
        this.mailer.compose(tx, id, policy, change.state, toSend[i]!, authorOf(actor, {}), now),
      ),
    );
    await this.outbox.enqueueMany(tx, mails.flat());
    accepted.forEach(({ index, id, change }, i) => {
      outcomes[index] = { result: changed(id, change, toSend[i]!) };
    });
    return outcomes;
  }

  /** The case's policy: a case whose policy is no longer loaded cannot be changed. */
  private policyOf(state: CaseState): PolicyFile {
    const policy = this.deps.library.policies.get(state.policyId);
    if (!policy)
      throw new Error(`case ${state.ref} belongs to policy ${state.policyId}, which is not loaded`);
    return policy;
  }

  /** What the state machine makes of a command on a case this transaction holds (no writes). */
  private decideLocked(
    state: CaseState,
    policy: PolicyFile,
    command: Exclude<CaseCommand, RaiseCommand>,
    actor: Actor,
  ) {
    const now = this.deps.clock();
    const context = {
      policy,
      calendar: calendarOf(this.deps.library, policy, state.calendarId),
      now,
      participantLimits: this.participantLimits,
    };
    return { result: applyCommand(state, command, context, actor), now };
  }
}

/**
 * Each item on its own, in order, as a batch that threw is done again: one failing never
 * stops the rest.
 */
async function oneByOne<T>(
  items: readonly T[],
  run: (item: T, index: number) => Promise<CaseworkResult>,
): Promise<({ result: CaseworkResult } | { error: unknown })[]> {
  const outcomes: ({ result: CaseworkResult } | { error: unknown })[] = [];
  for (const [index, item] of items.entries()) {
    try {
      outcomes.push({ result: await run(item, index) });
    } catch (error) {
      outcomes.push({ error });
    }
  }
  return outcomes;
}

/**
 * What gives a change's notices the ids this transaction wrote them under, for any of its
 * cases; a notice already written for the case (its key seen before) is not sent again.
 */
function noticeIds(
  written: readonly { id: string; caseId: string; key: string }[],
): (caseId: string, notices: readonly Notice[]) => WrittenNotice[] {
  const idOf = new Map(written.map((row) => [`${row.caseId} ${row.key}`, row.id]));
  return (caseId, notices) =>
    notices.flatMap((notice) => {
      const id = idOf.get(`${caseId} ${notice.key}`);
      return id ? [{ ...notice, id }] : [];
    });
}

/** A case's accepted change, as the doors get it back. */
function changed(
  caseId: string,
  change: { state: CaseState; events: CaseEvent[] },
  sent: readonly WrittenNotice[],
): CaseworkResult {
  return {
    ok: true,
    ref: change.state.ref,
    caseId,
    state: change.state,
    events: change.events,
    noticeKeys: sent.map((notice) => notice.key),
  };
}

/** The year a case raised at `raisedAt` is numbered in: its calendar's, not UTC's. */
function yearOf(raisedAt: Date, zone: string): number {
  return Number(isoDateOf(localMomentOf(raisedAt, zone).day).slice(0, 4));
}

/** Who a change's notices say made it, with what the door knew of them. */
function authorOf(actor: Actor, origin: CommandOrigin) {
  return {
    id: actor.id,
    verified: actor.verified,
    ...(origin.senderCheck ? { senderCheck: origin.senderCheck } : {}),
    ...(origin.attachmentsNotKept ? { attachmentsNotKept: origin.attachmentsNotKept } : {}),
    ...(actor.confirmedBy ? { confirmedBy: actor.confirmedBy } : {}),
  };
}
