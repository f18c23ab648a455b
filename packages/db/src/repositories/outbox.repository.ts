import { and, asc, eq, gt, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { messages, outbox } from '../schema';
import type { LeaseHolder } from './lease-holder';
import { insertJsonRows } from './json-rows';
import { insertParameterRows } from './parameter-rows';

export interface QueuedMail {
  raw: Buffer;
  /** the Message-ID header, without angle brackets */
  messageId: string;
  sha256: string;
  caseId: string | null;
  noticeId: string | null;
  mailFrom: string;
  recipients: string[];
  kind: 'notice' | 'answer';
  /**
   * When it was queued by the service's clock: it is due for sending from then. Without it,
   * the database server's clock, which need not agree with the service's (a test's clock,
   * or another machine's), and mail is held back by the difference.
   */
  queuedAt?: Date;
}

/** The `messages` row of a mail queued to go out. */
function outboundMessageRow(mail: QueuedMail) {
  return {
    direction: 'outbound' as const,
    messageId: mail.messageId,
    sha256: mail.sha256,
    raw: mail.raw,
    caseId: mail.caseId,
    fromAddress: mail.mailFrom,
    kind: mail.kind,
    status: 'queued' as const,
  };
}

/** The transactional outbox: mail is queued with the change that calls for it. */
export class OutboxRepository {
  /**
   * Store the outgoing message and its delivery row. A message already queued (the same
   * Message-ID, from a replayed notice) is left as it is.
   */
  async enqueue(executor: Executor, mail: QueuedMail): Promise<string | null> {
    const [message] = await executor
      .insert(messages)
      .values(outboundMessageRow(mail))
      .onConflictDoNothing()
      .returning({ id: messages.id });
    if (!message) return null;
    await executor.insert(outbox).values({
      messageId: message.id,
      caseId: mail.caseId,
      noticeId: mail.noticeId,
      mailFrom: mail.mailFrom,
      recipients: mail.recipients,
      ...(mail.queuedAt ? { nextAttemptAt: mail.queuedAt } : {}),
    });
    return message.id;
  }

  /**
   * `enqueue` for several messages in two statements (the scheduler's batches): each
   * message already queued under its Message-ID is left as it is, and gets no delivery row.
   */
  async enqueueMany(executor: Executor, mails: readonly QueuedMail[]): Promise<void> {
    if (mails.length === 0) return;
    // the raw message as bytea, not as hex inside jsonb (see parameter-rows.ts)
    const stored = await insertParameterRows(
      executor,
      messages,
      mails.map(outboundMessageRow),
      sql`on conflict do nothing returning "id", "message_id"`,
    );
    const idOf = new Map(stored.map((row) => [String(row['message_id']), String(row['id'])]));
    const deliveries = mails.flatMap((mail) => {
      const id = idOf.get(mail.messageId);
      // one delivery per stored message, should two mails of the batch share a Message-ID
      if (id === undefined) return [];
      idOf.delete(mail.messageId);
      return [
        {
          messageId: id,
          caseId: mail.caseId,
          noticeId: mail.noticeId,
          mailFrom: mail.mailFrom,
          recipients: mail.recipients,
          nextAttemptAt: mail.queuedAt ?? null,
        },
      ];
    });
    await insertJsonRows(executor, outbox, deliveries, {
      // as `enqueue`: due from when it was queued by the service's clock, else the database's
      computed: { nextAttemptAt: sql`coalesce(r.next_attempt_at, now())` },
    });
  }

  /**
   * The mail we queued under any of these Message-IDs (without angle brackets): the case it
   * was about and the addresses it went to. How a bounce is checked against what we sent.
   */
  async findSentMail(executor: Executor, messageIds: readonly string[]) {
    if (messageIds.length === 0) return [];
    return executor
      .select({
        messageId: messages.messageId,
        caseId: outbox.caseId,
        recipients: outbox.recipients,
      })
      .from(messages)
      .innerJoin(outbox, eq(outbox.messageId, messages.id))
      .where(and(eq(messages.direction, 'outbound'), inArray(messages.messageId, [...messageIds])));
  }

  /**
   * Lease up to `limit` rows due for sending until `leaseUntil`: no other sender takes them
   * meanwhile, and no transaction stays open while mail is on the wire. A sender that dies
   * mid-send leaves its rows to be taken again when the lease runs out; the same bytes and
   * Message-ID go again, which receiving servers deduplicate. The holder is recorded, so
   * that its restarted successor can take the lease back at once.
   */
  async lease(
    executor: Executor,
    now: Date,
    leaseUntil: Date,
    limit: number,
    holder: LeaseHolder | null = null,
  ) {
    const due = executor
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    const leased = await executor
      .update(outbox)
      .set({
        nextAttemptAt: leaseUntil,
        leaseWorker: holder?.worker ?? null,
        leaseIncarnation: holder?.incarnation ?? null,
      })
      .where(inArray(outbox.id, due))
      .returning({
        id: outbox.id,
        messageRowId: outbox.messageId,
        mailFrom: outbox.mailFrom,
        recipients: outbox.recipients,
        attempts: outbox.attempts,
        createdAt: outbox.createdAt,
      });
    if (leased.length === 0) return [];
    const bodies = await executor
      .select({
        id: messages.id,
        raw: messages.raw,
        messageId: messages.messageId,
        arrival: messages.arrival,
      })
      .from(messages)
      .where(
        inArray(
          messages.id,
          leased.map((row) => row.messageRowId),
        ),
      );
    const byId = new Map(bodies.map((body) => [body.id, body]));
    // UPDATE ... RETURNING gives no order: send in the order the mail was queued. Not by
    // created_at: that is the transaction's start, the same for all the mail one change
    // queues (a breach notice and the request that follows it); the message row's arrival
    // number is taken at each insert.
    leased.sort((a, b) => byId.get(a.messageRowId)!.arrival - byId.get(b.messageRowId)!.arrival);
    return leased.map((row) => ({
      ...row,
      raw: byId.get(row.messageRowId)!.raw,
      messageId: byId.get(row.messageRowId)!.messageId ?? row.id,
    }));
  }

  /**
   * Rows leased under this worker's identity by an earlier incarnation, which died: due again
   * now. A live worker of another identity keeps its leases.
   */
  async releaseEarlierIncarnations(
    executor: Executor,
    holder: LeaseHolder,
    now: Date,
  ): Promise<number> {
    const rows = await executor
      .update(outbox)
      .set({ nextAttemptAt: now, leaseWorker: null, leaseIncarnation: null })
      .where(
        and(
          eq(outbox.status, 'pending'),
          gt(outbox.nextAttemptAt, now),
          eq(outbox.leaseWorker, holder.worker),
          ne(outbox.leaseIncarnation, holder.incarnation),
        ),
      )
      .returning({ id: outbox.id });
    return rows.length;
  }

  async markSent(executor: Executor, id: string, messageRowId: string, at: Date): Promise<void> {
    await executor
      .update(outbox)
      .set({
        status: 'sent',
        sentAt: at,
        attempts: sql`${outbox.attempts} + 1`,
        lastError: null,
        leaseWorker: null,
        leaseIncarnation: null,
      })
      .where(eq(outbox.id, id));
    await executor
      .update(messages)
      .set({ status: 'sent', processedAt: at })
      .where(eq(messages.id, messageRowId));
  }

  /** A failed attempt: try again at `retryAt`, or give up (status failed) when null. */
  async markFailed(
    executor: Executor,
    id: string,
    error: string,
    retryAt: Date | null,
  ): Promise<void> {
    await executor
      .update(outbox)
      .set({
        attempts: sql`${outbox.attempts} + 1`,
        lastError: error,
        leaseWorker: null,
        leaseIncarnation: null,
        ...(retryAt ? { nextAttemptAt: retryAt } : { status: 'failed' as const }),
      })
      .where(eq(outbox.id, id));
  }

  async countPending(executor: Executor): Promise<number> {
    const [row] = await executor
      .select({ count: sql<number>`count(*)::int` })
      .from(outbox)
      .where(eq(outbox.status, 'pending'));
    return row?.count ?? 0;
  }
}
