import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { attachments, messages, type MessageEnvelope, type MessageKind } from '../schema';

export interface InboundToStore {
  raw: Buffer;
  /** when it arrived, by the service's clock */
  receivedAt?: Date;
  messageId: string | null;
  sha256: string;
  fromAddress: string | null;
  envelope: MessageEnvelope;
}

/** Inbound mail: stored before it is acknowledged, then worked through as a queue. */
export class InboundMessageRepository {
  /**
   * Store a message once: a second delivery of the same Message-ID, or of the same bytes,
   * is the message already stored.
   */
  async store(
    executor: Executor,
    message: InboundToStore,
  ): Promise<{ id: string; duplicate: boolean }> {
    const [row] = await executor
      .insert(messages)
      .values({ direction: 'inbound', status: 'received', ...message })
      .onConflictDoNothing()
      .returning({ id: messages.id });
    if (row) return { id: row.id, duplicate: false };
    const [existing] = await executor
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          eq(messages.direction, 'inbound'),
          message.messageId
            ? or(eq(messages.messageId, message.messageId), eq(messages.sha256, message.sha256))
            : eq(messages.sha256, message.sha256),
        ),
      )
      .limit(1);
    if (!existing) throw new Error('a message conflicted on storing but cannot be found');
    return { id: existing.id, duplicate: true };
  }

  /**
   * Lease up to `limit` messages due for processing: each is taken by one processor until
   * `leaseUntil`, after which, if that processor died, another takes it again. Oldest first:
   * two replies to one case act in the order they arrived.
   */
  async lease(executor: Executor, now: Date, leaseUntil: Date, limit: number) {
    const due = executor
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          eq(messages.direction, 'inbound'),
          inArray(messages.status, ['received', 'processing', 'failed']),
          or(isNull(messages.nextAttemptAt), lte(messages.nextAttemptAt, now)),
        ),
      )
      .orderBy(asc(messages.arrival))
      .limit(limit)
      .for('update', { skipLocked: true });
    const leased = await executor
      .update(messages)
      .set({
        status: 'processing',
        attempts: sql`${messages.attempts} + 1`,
        nextAttemptAt: leaseUntil,
      })
      .where(inArray(messages.id, due))
      .returning({
        id: messages.id,
        raw: messages.raw,
        envelope: messages.envelope,
        attempts: messages.attempts,
        receivedAt: messages.receivedAt,
        arrival: messages.arrival,
      });
    // UPDATE ... RETURNING gives no order, whatever the subquery's ORDER BY: sort again.
    return leased.sort((a, b) => a.arrival - b.arrival);
  }

  async markProcessed(
    executor: Executor,
    id: string,
    outcome: {
      kind: MessageKind;
      caseId?: string | null;
      authentication?: Record<string, unknown> | null;
      note?: string | null;
    },
    at: Date,
  ): Promise<void> {
    await executor
      .update(messages)
      .set({
        status: 'processed',
        kind: outcome.kind,
        caseId: outcome.caseId ?? null,
        authentication: outcome.authentication ?? null,
        error: outcome.note ?? null,
        processedAt: at,
        nextAttemptAt: null,
      })
      .where(eq(messages.id, id));
  }

  /** A failed attempt: retried from `retryAt`, or set aside for an administrator when null. */
  async markFailed(
    executor: Executor,
    id: string,
    error: string,
    retryAt: Date | null,
  ): Promise<void> {
    await executor
      .update(messages)
      .set({ status: retryAt ? 'failed' : 'set-aside', error, nextAttemptAt: retryAt })
      .where(eq(messages.id, id));
  }

  async addAttachments(
    executor: Executor,
    messageRowId: string,
    files: {
      filename: string;
      contentType: string;
      size: number;
      sha256: string;
      content: Buffer | null;
    }[],
  ): Promise<void> {
    if (files.length === 0) return;
    await executor.delete(attachments).where(eq(attachments.messageId, messageRowId));
    await executor
      .insert(attachments)
      .values(files.map((file) => ({ messageId: messageRowId, ...file })));
  }

  async findStatus(executor: Executor, id: string) {
    const [row] = await executor
      .select({
        status: messages.status,
        kind: messages.kind,
        caseId: messages.caseId,
        attempts: messages.attempts,
        error: messages.error,
      })
      .from(messages)
      .where(eq(messages.id, id));
    return row ?? null;
  }
}
