import type {
  CaseDecision,
  CaseworkResult,
  CommandOrigin,
  LockedCase,
  OpenItem,
} from '@escalations/casework';
import type { Executor } from '@escalations/db';
import {
  replyCommandWord,
  type Actor,
  type CaseCommand,
  type RaiseCommand,
} from '@escalations/domain';
import { routeMailbox } from '@escalations/email';
import { ANSWER_TO_STRANGER } from '../answer-to-stranger';
import { identifySender } from '../identify-sender';
import { settle, settleEach } from './answer';
import { toCaseCommand } from './case-command';
import type { PipelineContext } from './pipeline-context';
import type { Disposition, Interpreted, Outcome, SenderAnswer } from './pipeline-values';

type RaiseMail = Extract<Interpreted, { ask: 'raise' }>;

/**
 * Does what the message asks, through casework (the one path that changes a case): opens
 * the case, confirms a held command, or judges the command's sender under the case's lock
 * and applies it. The message is settled in the same transaction as the change.
 */
export async function act(
  mail: Exclude<Interpreted, RaiseMail>,
  ctx: PipelineContext,
): Promise<Disposition> {
  switch (mail.ask) {
    case 'confirm':
      return confirm(mail, ctx);
    case 'command':
      return command(mail, ctx);
  }
}

/** Settles the message with the change, as `kind`, in the case's transaction. */
function settledWith(
  mail: Interpreted,
  kind: 'escalation' | 'reply',
  now: Date,
): {
  outcome: (caseId: string) => Outcome;
  alsoInTransaction: (tx: Executor, caseId: string) => Promise<void>;
} {
  const outcome = (caseId: string): Outcome => ({
    kind,
    caseId,
    authentication: mail.authentication,
  });
  return {
    outcome,
    alsoInTransaction: (tx: Executor, caseId: string) =>
      settle(tx, mail.message.id, outcome(caseId), now),
  };
}

function origin(mail: Interpreted): CommandOrigin {
  return {
    inReplyTo: mail.email.messageId,
    ...(mail.attachmentsNotKept ? { attachmentsNotKept: mail.attachmentsNotKept } : {}),
  };
}

/**
 * New escalations, each opened as `act` opens one, together: casework opens them in one
 * transaction (what one lease brought in), their messages settled with their cases in one
 * statement. Returns each one's disposition, or what it threw, in the order given.
 */
export async function actOnRaises(
  mails: readonly RaiseMail[],
  ctx: PipelineContext,
): Promise<({ disposition: Disposition } | { error: unknown })[]> {
  const now = ctx.clock();
  const raises = mails.map((mail) => raiseOf(mail, ctx, now));
  const outcomes = await ctx.casework.openEach(
    raises.map(({ item }) => item),
    (tx, opened) =>
      settleEach(
        tx,
        opened.map(({ index, caseId }) => ({
          id: mails[index]!.message.id,
          outcome: raises[index]!.settling.outcome(caseId),
        })),
        now,
      ),
  );
  return outcomes.map((outcome, i) =>
    'error' in outcome
      ? { error: outcome.error }
      : { disposition: raised(mails[i]!, raises[i]!.settling, outcome.result) },
  );
}

/** The case a new escalation asks for, as casework opens it, and how its message settles. */
function raiseOf(
  mail: RaiseMail,
  ctx: PipelineContext,
  now: Date,
): { item: OpenItem; settling: ReturnType<typeof settledWith> } {
  const { from, form, verdict, policy } = mail;
  const ours = (address: string) => routeMailbox(ctx.options.routes, address) !== null;
  const copied = mail.email.cc
    .filter((person) => !ours(person.address))
    .map((person) =>
      person.name ? { name: person.name, email: person.address } : { email: person.address },
    );
  const raised: Omit<RaiseCommand, 'kind' | 'ref'> = {
    raisedAt: mail.message.receivedAt,
    raisedBy: from.name ? { name: from.name, email: from.address } : { email: from.address },
    caseName: form.caseName,
    agency: form.agency,
    otherAgency: form.otherAgency,
    disagreement: form.disagreement,
    category: form.category,
    risk: form.risk,
    startStage: form.startStage,
    ...(form.calendar ? { calendarId: form.calendar } : {}),
    copied,
    ...(form.manager ? { manager: form.manager } : {}),
    ...(form.otherPractitioner ? { otherPractitioner: form.otherPractitioner } : {}),
    ...(form.outcomeSought ? { outcomeSought: form.outcomeSought } : {}),
    ...(form.attemptsSoFar ? { attemptsSoFar: form.attemptsSoFar } : {}),
  };
  const actor: Actor = {
    kind: 'participant',
    id: from.address,
    verified: verdict.verified,
    ...(from.name ? { name: from.name } : {}),
  };
  const settling = settledWith(mail, 'escalation', now);
  return {
    item: {
      input: { ...raised, policyId: policy.id },
      actor,
      origin: {
        ...origin(mail),
        ...(verdict.verified ? {} : { senderCheck: `sender not verified: ${verdict.why ?? ''}` }),
      },
    },
    settling,
  };
}

function raised(
  mail: RaiseMail,
  settling: ReturnType<typeof settledWith>,
  result: CaseworkResult,
): Disposition {
  if (result.ok) return { settled: settling.outcome(result.caseId) };
  return refusal(mail, [result.refusal.message], {
    kind: 'escalation',
    note: `refused: ${result.refusal.code}`,
  });
}

async function confirm(
  mail: Extract<Interpreted, { ask: 'confirm' }>,
  ctx: PipelineContext,
): Promise<Disposition> {
  const settling = settledWith(mail, 'reply', ctx.clock());
  const result = await ctx.confirmation.confirm({
    messageRowId: mail.message.id,
    inReplyTo: mail.email.messageId,
    token: mail.token,
    from: mail.from.address,
    text: mail.text,
    alsoInTransaction: settling.alsoInTransaction,
  });
  if (result.ok) return { settled: settling.outcome(result.caseId) };
  return refusal(
    mail,
    [result.problem],
    { kind: 'reply', caseId: result.caseId, note: result.note },
    result.ref ?? undefined,
    result.caseId ?? undefined,
  );
}

/** Why a command's sender may not act, decided under the case's lock. */
type Declined =
  | { stranger: true }
  | { refuse: string[]; note: string; participantCommand: boolean }
  | { hold: { actor: Actor; command: Exclude<CaseCommand, RaiseCommand> } };

async function command(
  mail: Extract<Interpreted, { ask: 'command' }>,
  ctx: PipelineContext,
): Promise<Disposition> {
  const { from, verdict, ref } = mail;
  // the case as the lock holder saw it: its policy words the answers about it
  let seen: LockedCase | undefined;
  const decide = async (tx: Executor, locked: LockedCase): Promise<CaseDecision<Declined>> => {
    seen = locked;
    const actor = await identifySender(
      tx,
      ctx.mail,
      locked.policy,
      locked.state,
      from,
      verdict.verified,
    );
    // A missing case and a case the sender is not on get the same answer: no one learns
    // from us which references exist, and no stranger gets a case's reply address.
    if (actor.kind === 'stranger') return { decline: { stranger: true } };
    if (!verdict.allowed) {
      return {
        decline: {
          refuse: [
            `Your email could not be verified as coming from you, so it cannot change the case: ${verdict.reason}.`,
          ],
          note: 'sender checks failed',
          participantCommand: false,
        },
      };
    }
    if (!mail.command.ok) {
      return {
        decline: {
          refuse: mail.command.problems,
          note: 'no command',
          participantCommand: replyCommandWord(mail.replyText) !== undefined,
        },
      };
    }
    const command = toCaseCommand(mail.command.command);
    if (!verdict.verified) return { decline: { hold: { actor, command } } };
    return { act: { command, actor } };
  };
  const settling = settledWith(mail, 'reply', ctx.clock());
  const result = await ctx.casework.decideAndApply(ref, decide, {
    ...origin(mail),
    alsoInTransaction: settling.alsoInTransaction,
  });
  if (result.ok) return { settled: settling.outcome(result.caseId) };
  if (!seen) return toStranger(mail, { kind: 'reply', note: `no case ${ref}` });
  const caseId = seen.id;
  const onCase = { ...mail, policy: seen.policy };
  if (!('declined' in result)) {
    // A participant's command is answered however many they send (the limit is for loops).
    return refusal(
      onCase,
      [result.refusal.message],
      { kind: 'reply', caseId, note: `refused: ${result.refusal.code}` },
      seen.state.ref,
      caseId,
      true,
    );
  }
  const { declined } = result;
  if ('stranger' in declined) {
    return toStranger(mail, {
      kind: 'reply',
      caseId,
      note: 'refused: not-entitled (not on the case)',
    });
  }
  if ('refuse' in declined) {
    return refusal(
      onCase,
      declined.refuse,
      { kind: 'reply', caseId, note: declined.note },
      seen.state.ref,
      caseId,
      declined.participantCommand,
    );
  }
  return {
    settled: await ctx.confirmation.hold({
      messageRowId: mail.message.id,
      inReplyTo: mail.email.messageId,
      policy: seen.policy,
      ref: seen.state.ref,
      caseId,
      actor: declined.hold.actor,
      command: declined.hold.command,
      commandName:
        replyCommandWord(mail.replyText) ?? mail.replyText.trim().split(/\s+/)[0]!.toUpperCase(),
      commandText: mail.replyText.trim(),
      why: verdict.why ?? 'the sender checks could not verify it',
      authentication: mail.authentication,
    }),
  };
}

function toStranger(mail: Interpreted, outcome: Outcome): Disposition {
  return {
    answer: {
      to: mail.from.address,
      policy: mail.policy,
      template: ANSWER_TO_STRANGER.template,
      data: ANSWER_TO_STRANGER.data,
      answering: { text: mail.email.text },
    },
    outcome,
  };
}

function refusal(
  mail: Interpreted,
  problems: string[],
  outcome: Outcome,
  ref?: string,
  caseId?: string,
  participantCommand?: boolean,
): Disposition {
  const answer: SenderAnswer = {
    to: mail.from.address,
    policy: mail.policy,
    template: 'command-refused',
    data: { problems },
    ...(ref ? { ref } : {}),
    ...(caseId ? { caseId } : {}),
    ...(participantCommand === undefined
      ? {}
      : { answering: { text: mail.email.text, participantCommand } }),
  };
  return { answer, outcome };
}
