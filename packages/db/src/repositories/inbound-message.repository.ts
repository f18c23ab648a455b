import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import {
  attachments,
  cases,
  messages,
  type MessageEnvelope,
  type MessageKind,
  type MessageStatus,
} from '../schema';
import {
  storableJson,
  storableMessageId,
  storableText,
  storableTextOrNull,
} from '../storable-text';
import type { LeaseHolder } from './lease-holder';
import { insertParameterRows } from './parameter-rows';
import { messageHead } from './message-head';

/** The longest failure kept with a message: enough to say what went wrong. */
const MAX_ERROR_LENGTH = 2000;
/** An address is at most 320 characters; anything longer is not one. */
const MAX_ADDRESS_LENGTH = 320;
const MAX_FILE_NAME_LENGTH = 255;
const MAX_CONTENT_TYPE_LENGTH = 255;

/** What became of a message a processor is done with. */
export interface ProcessedOutcome {
  kind: MessageKind;
  caseId?: string | null;
  authentication?: Record<string, unknown> | null;
  note?: string | null;
}

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
    const [stored] = await this.storeEach(executor, [message]);
    return stored!;
  }

  /**
   * `store` for several messages in one statement, in the order given (which is the order
   * they are processed in): each as its new id, or as the message already stored when it is
   * a second delivery, whether of one stored before or of one earlier in the list.
   */
  async storeEach(
    executor: Executor,
    list: readonly InboundToStore[],
  ): Promise<{ id: string; duplicate: boolean }[]> {
    if (list.length === 0) return [];
    const storable = list.map((message) => ({
      ...message,
      messageId: storableMessageId(message.messageId),
      fromAddress: storableTextOrNull(message.fromAddress, MAX_ADDRESS_LENGTH),
      envelope: storableJson(message.envelope),
    }));
    const inserted = (await insertParameterRows(
      executor,
      messages,
      storable.map((message) => ({
        direction: 'inbound',
        status: 'received',
        raw: message.raw,
        // the database's clock dates a message that came without one
        receivedAt: message.receivedAt ?? sql`now()`,
        messageId: message.messageId,
        sha256: message.sha256,
        fromAddress: message.fromAddress,
        envelope: message.envelope,
      })),
      sql`on conflict do nothing returning "id", "sha256"`,
    )) as { id: string; sha256: string }[];
    // an inserted row is its list's first message of those bytes; any other is a duplicate
    const unclaimed = new Map(inserted.map((row) => [row.sha256, row.id]));
    const stored: { id: string; duplicate: boolean }[] = [];
    for (const message of storable) {
      const id = unclaimed.get(message.sha256);
      if (id) {
        unclaimed.delete(message.sha256);
        stored.push({ id, duplicate: false });
        continue;
      }
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
      stored.push({ id: existing.id, duplicate: true });
    }
    return stored;
  }

  /**
   * Lease up to `limit` messages due for processing: each is taken by one processor until
   * `leaseUntil`, after which, if that processor died, another takes it again. Oldest first:
   * two replies to one case act in the order they arrived. The holder is recorded, so that
   * its restarted successor can take the lease back at once.
   *
   * With `maxBytes`, the messages taken stop where the next would start past that many bytes,
   * the oldest always taken: a processor holds a lease's messages, parsed, all at once, and
   * twenty of the largest a sender may send would not fit the process's heap.
   */
  async lease(
    executor: Executor,
    now: Date,
    leaseUntil: Date,
    limit: number,
    holder: LeaseHolder | null = null,
    maxBytes = Number.POSITIVE_INFINITY,
  ) {
    const candidates = executor
      .select({
        id: messages.id,
        arrival: messages.arrival,
        // the length a toasted value records, read without fetching it
        bytes: sql<number>`octet_length(${messages.raw})`.as('bytes'),
      })
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
      .for('update', { skipLocked: true })
      .as('candidates');
    // each candidate with the bytes of those before it; taken while they are under maxBytes
    const withinBytes = () => {
      const running = executor
        .select({
          id: candidates.id,
          before:
            sql<number>`sum(${candidates.bytes}) over (order by ${candidates.arrival}) - ${candidates.bytes}`.as(
              'before',
            ),
        })
        .from(candidates)
        .as('running');
      return executor.select({ id: running.id }).from(running).where(lt(running.before, maxBytes));
    };
    const due = Number.isFinite(maxBytes)
      ? withinBytes()
      : executor.select({ id: candidates.id }).from(candidates);
    const leased = await executor
      .update(messages)
      .set({
        status: 'processing',
        attempts: sql`${messages.attempts} + 1`,
        nextAttemptAt: leaseUntil,
        leaseWorker: holder?.worker ?? null,
        leaseIncarnation: holder?.incarnation ?? null,
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

  /**
   * Leases held under this worker's identity by an earlier incarnation, which died: due again
   * now, their attempt counted (a message that brings the worker down is still set aside
   * once its attempts are spent). A live worker of another identity keeps its leases.
   */
  async releaseEarlierIncarnations(
    executor: Executor,
    holder: LeaseHolder,
    now: Date,
  ): Promise<number> {
    const rows = await executor
      .update(messages)
      .set({ nextAttemptAt: now, leaseWorker: null, leaseIncarnation: null })
      .where(
        and(
          eq(messages.direction, 'inbound'),
          eq(messages.status, 'processing'),
          eq(messages.leaseWorker, holder.worker),
          ne(messages.leaseIncarnation, holder.incarnation),
        ),
      )
      .returning({ id: messages.id });
    return rows.length;
  }

  /**
   * Messages whose last lease ran out with no word from the processor that held it (it died
   * on them, or could not even record a failure), and whose attempts are spent: set aside,
   * so that a message that brings down whatever processes it is not taken for ever.
   */
  async setAsideAbandoned(executor: Executor, now: Date, maxAttempts: number): Promise<string[]> {
    const rows = await executor
      .update(messages)
      .set({
        status: 'set-aside',
        nextAttemptAt: null,
        error: `processing did not finish in ${maxAttempts} attempts`,
      })
      .where(
        and(
          eq(messages.direction, 'inbound'),
          eq(messages.status, 'processing'),
          lte(messages.nextAttemptAt, now),
          gte(messages.attempts, maxAttempts),
        ),
      )
      .returning({ id: messages.id });
    return rows.map((row) => row.id);
  }

  /**
   * Inbound messages in one state, oldest first, for an administrator: what the audit needs
   * (when, what became of it, why it failed, its case), none of the sender's words.
   */
  async listByStatus(executor: Executor, status: MessageStatus, limit: number) {
    return executor
      .select({
        id: messages.id,
        receivedAt: messages.receivedAt,
        status: messages.status,
        kind: messages.kind,
        attempts: messages.attempts,
        error: messages.error,
        caseRef: cases.ref,
      })
      .from(messages)
      .leftJoin(cases, eq(cases.id, messages.caseId))
      .where(and(eq(messages.direction, 'inbound'), eq(messages.status, status)))
      .orderBy(asc(messages.arrival))
      .limit(limit);
  }

  /**
   * Inbound messages by any of state, kind and arrival (`from` inclusive, `to` exclusive),
   * oldest first, after `afterArrival`, with what tells whose they are (their case's policy,
   * their envelope). `policies` keeps messages of a case of those policies and those of no
   * case, whose owner only their envelope tells (the caller decides on those).
   */
  async listInbound(
    executor: Executor,
    filters: {
      status?: MessageStatus;
      kind?: MessageKind;
      from?: Date;
      to?: Date;
      policies?: readonly string[];
    },
    limit: number,
    afterArrival = 0,
  ) {
    return executor
      .select({
        id: messages.id,
        arrival: messages.arrival,
        head: messageHead(),
        receivedAt: messages.receivedAt,
        status: messages.status,
        kind: messages.kind,
        attempts: messages.attempts,
        error: messages.error,
        envelope: messages.envelope,
        caseRef: cases.ref,
        casePolicyId: cases.policyId,
      })
      .from(messages)
      .leftJoin(cases, eq(cases.id, messages.caseId))
      .where(
        and(
          eq(messages.direction, 'inbound'),
          gt(messages.arrival, afterArrival),
          filters.status ? eq(messages.status, filters.status) : undefined,
          filters.kind ? eq(messages.kind, filters.kind) : undefined,
          filters.from ? gte(messages.receivedAt, filters.from) : undefined,
          filters.to ? lt(messages.receivedAt, filters.to) : undefined,
          filters.policies
            ? or(
                isNull(messages.caseId),
                filters.policies.length > 0
                  ? inArray(cases.policyId, [...filters.policies])
                  : sql`false`,
              )
            : undefined,
        ),
      )
      .orderBy(asc(messages.arrival))
      .limit(limit);
  }

  /** Set-aside messages with what tells whose they are: their case's policy, their envelope. */
  async setAsideOwners(executor: Executor, limit: number) {
    return executor
      .select({ policyId: cases.policyId, envelope: messages.envelope })
      .from(messages)
      .leftJoin(cases, eq(cases.id, messages.caseId))
      .where(and(eq(messages.direction, 'inbound'), eq(messages.status, 'set-aside')))
      .limit(limit);
  }

  async markProcessed(
    executor: Executor,
    id: string,
    outcome: ProcessedOutcome,
    at: Date,
  ): Promise<void> {
    await this.markEachProcessed(executor, [{ id, outcome }], at);
  }

  /**
   * `markProcessed` for several messages in one statement (a lease's new escalations, settled
   * with their cases): the outcomes travel as one jsonb parameter, typed by the table's row.
   */
  async markEachProcessed(
    executor: Executor,
    settled: readonly { id: string; outcome: ProcessedOutcome }[],
    at: Date,
  ): Promise<void> {
    if (settled.length === 0) return;
    const rows = JSON.stringify(
      settled.map(({ id, outcome }) => ({
        id,
        kind: outcome.kind,
        case_id: outcome.caseId ?? null,
        authentication: outcome.authentication ? storableJson(outcome.authentication) : null,
        error: storableTextOrNull(outcome.note, MAX_ERROR_LENGTH),
      })),
    );
    await executor.execute(sql`
      update ${messages} m set
        status = 'processed', kind = r.kind, case_id = r.case_id,
        authentication = r.authentication, error = r.error, processed_at = ${at.toISOString()}::timestamptz,
        next_attempt_at = null, lease_worker = null, lease_incarnation = null
      from jsonb_populate_recordset(null::${messages}, ${rows}::jsonb) as r
      where m.id = r.id`);
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
      .set({
        status: retryAt ? 'failed' : 'set-aside',
        error: storableText(error, MAX_ERROR_LENGTH),
        nextAttemptAt: retryAt,
        leaseWorker: null,
        leaseIncarnation: null,
      })
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
    await executor.insert(attachments).values(
      files.map((file) => ({
        messageId: messageRowId,
        ...file,
        filename: storableText(file.filename, MAX_FILE_NAME_LENGTH),
        contentType: storableText(file.contentType, MAX_CONTENT_TYPE_LENGTH),
      })),
    );
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
