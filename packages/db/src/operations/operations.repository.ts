import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../database';
import { cases, messages, outbox, stages } from '../schema';

export interface QueueDepths {
  /** inbound messages not yet done with: received, being processed, or failed and to be retried */
  inboundWaiting: number;
  /** when the longest-waiting message due for processing became due; null: none is */
  oldestWaitingSince: Date | null;
  /** inbound messages the processor gave up on, for an administrator */
  inboundSetAside: number;
  /** outgoing mail not yet sent */
  outboxPending: number;
}

const WAITING = ['received', 'processing', 'failed'] as const;

/**
 * Counts for an operator's dashboard, read on each scrape: aggregates over the partial
 * indexes the queues already keep, never a case's or a message's content.
 */
export class OperationsRepository {
  async queueDepths(executor: Executor, now: Date): Promise<QueueDepths> {
    // A message is due from its arrival, or (after a failure, or a lease that ran out) from
    // its next attempt: one being processed now, or waiting out its backoff, is not late.
    const dueFrom = sql`coalesce(${messages.nextAttemptAt}, ${messages.receivedAt})`;
    const waiting = sql`${messages.status} in ('received', 'processing', 'failed')`;
    const [inbound] = await executor
      .select({
        waiting: sql<number>`(count(*) filter (where ${waiting}))::int`,
        setAside: sql<number>`(count(*) filter (where ${messages.status} = 'set-aside'))::int`,
        oldestDueMs: sql<
          number | null
        >`(extract(epoch from min(${dueFrom}) filter (where ${waiting} and ${dueFrom} <= ${now.toISOString()}::timestamptz)) * 1000)::float8`,
      })
      .from(messages)
      .where(
        and(eq(messages.direction, 'inbound'), inArray(messages.status, [...WAITING, 'set-aside'])),
      );
    const [outgoing] = await executor
      .select({ pending: sql<number>`count(*)::int` })
      .from(outbox)
      .where(eq(outbox.status, 'pending'));
    const oldest = inbound?.oldestDueMs;
    return {
      inboundWaiting: inbound?.waiting ?? 0,
      oldestWaitingSince: oldest === null || oldest === undefined ? null : new Date(Number(oldest)),
      inboundSetAside: inbound?.setAside ?? 0,
      outboxPending: outgoing?.pending ?? 0,
    };
  }

  /** What became of one inbound message: its state and, once processed, what kind it was. */
  async messageOutcome(
    executor: Executor,
    id: string,
  ): Promise<{ status: string; kind: string | null } | null> {
    const [row] = await executor
      .select({ status: messages.status, kind: messages.kind })
      .from(messages)
      .where(eq(messages.id, id));
    return row ?? null;
  }

  /** Open cases by policy and the stage each is at. */
  async openCasesByStage(
    executor: Executor,
  ): Promise<{ policyId: string; stage: number; cases: number }[]> {
    return executor
      .select({
        policyId: cases.policyId,
        stage: cases.currentStage,
        cases: sql<number>`count(*)::int`,
      })
      .from(cases)
      .where(eq(cases.status, 'open'))
      .groupBy(cases.policyId, cases.currentStage)
      .orderBy(cases.policyId, cases.currentStage);
  }

  /** Stages still open past their due instant, by policy and stage number. */
  async overdueStages(
    executor: Executor,
    now: Date,
  ): Promise<{ policyId: string; stage: number; stages: number }[]> {
    return executor
      .select({
        policyId: cases.policyId,
        stage: stages.number,
        stages: sql<number>`count(*)::int`,
      })
      .from(stages)
      .innerJoin(cases, eq(cases.id, stages.caseId))
      .where(and(isNull(stages.completedAt), lt(stages.dueAt, now), eq(cases.status, 'open')))
      .groupBy(cases.policyId, stages.number)
      .orderBy(cases.policyId, stages.number);
  }
}
