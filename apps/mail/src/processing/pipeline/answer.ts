import { InboundMessageRepository, type Executor } from '@escalations/db';
import type { PipelineContext } from './pipeline-context';
import type { Disposition, Outcome, ParsedMessage } from './pipeline-values';

const inbound = new InboundMessageRepository();

/**
 * The one place a message's status is written. `settle` marks it processed inside the
 * transaction that did its work (a case changed, a command held, a bounce recorded), so the
 * work and the mark commit together and a crash can never act on one email twice.
 */
export function settle(tx: Executor, id: string, outcome: Outcome, at: Date): Promise<void> {
  return inbound.markProcessed(tx, id, outcome, at);
}

/** `settle` for several messages in one statement, in the transaction that did their work. */
export function settleEach(
  tx: Executor,
  settled: readonly { id: string; outcome: Outcome }[],
  at: Date,
): Promise<void> {
  return inbound.markEachProcessed(tx, settled, at);
}

/**
 * The last step: answers the sender when the message asks for an answer, and marks the
 * message processed with what became of it, in one transaction. Returns the outcome.
 */
export async function answer(
  parsed: ParsedMessage,
  disposition: Disposition,
  ctx: PipelineContext,
): Promise<Outcome> {
  if ('settled' in disposition) return disposition.settled;
  const now = ctx.clock();
  const { id } = parsed.message;
  if ('record' in disposition) {
    await settle(ctx.database, id, disposition.record, now);
    return disposition.record;
  }
  const { answer: reply, outcome } = disposition;
  return ctx.database.transaction(async (tx) => {
    const sent = await ctx.answers.queue(
      tx,
      {
        to: reply.to,
        policy: reply.policy,
        template: reply.template,
        data: { ...reply.data, attachmentsNotKept: parsed.attachmentsNotKept },
        ref: reply.ref ?? null,
        caseId: reply.caseId ?? null,
        inReplyTo: parsed.email.messageId,
        ...(reply.answering ? { answering: reply.answering } : {}),
      },
      now,
    );
    const settled = sent
      ? outcome
      : { ...outcome, note: `${outcome.note ?? ''}; not answered: answer limit reached` };
    await settle(tx, id, settled, now);
    return settled;
  });
}

/** A failed attempt: tried again from `retryAt`, or set aside for an administrator when null. */
export function fail(
  ctx: PipelineContext,
  id: string,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  return inbound.markFailed(ctx.database, id, error, retryAt);
}

/** Messages whose attempts ran out while leased by a processor that died: set aside. */
export function setAsideAbandoned(ctx: PipelineContext, now: Date): Promise<string[]> {
  return inbound.setAsideAbandoned(ctx.database, now, ctx.options.maxAttempts);
}
