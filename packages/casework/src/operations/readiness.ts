import { OperationsRepository, pendingMigrations, type Database } from '@escalations/db';
import { sql } from 'drizzle-orm';

export interface Readiness {
  status: 'ready' | 'not-ready';
  database: 'ok' | 'unavailable';
  migrations: { pending: string[] };
  inbound: {
    waiting: number;
    /** how long the longest-waiting message has been due; null: none is */
    oldestWaitingSeconds: number | null;
    limitSeconds: number;
  };
  /** what keeps it from being ready, for the person reading the probe's answer */
  problems: string[];
}

export interface ReadinessSource {
  database: Database;
  clock: () => Date;
  /** READY_MAX_INBOUND_AGE_SECONDS */
  maxInboundAgeSeconds: number;
}

const operations = new OperationsRepository();

/**
 * Ready to take work: the database answers, this build's migrations are all applied (an
 * instance started ahead of its schema would write to columns that are not there yet), and
 * no inbound message has waited longer than the limit (mail is not being worked through).
 * Counts and migration names only: nothing about a case or a message.
 */
export async function checkReadiness(source: ReadinessSource): Promise<Readiness> {
  const limitSeconds = source.maxInboundAgeSeconds;
  const unavailable: Readiness = {
    status: 'not-ready',
    database: 'unavailable',
    migrations: { pending: [] },
    inbound: { waiting: 0, oldestWaitingSeconds: null, limitSeconds },
    problems: ['the database is not answering'],
  };
  try {
    await source.database.execute(sql`select 1`);
  } catch {
    return unavailable;
  }
  const now = source.clock();
  let pending: string[];
  let queues: Awaited<ReturnType<OperationsRepository['queueDepths']>>;
  try {
    [pending, queues] = await Promise.all([
      pendingMigrations(source.database),
      operations.queueDepths(source.database, now),
    ]);
  } catch {
    return unavailable;
  }
  const oldest = queues.oldestWaitingSince
    ? Math.max(0, Math.round((now.getTime() - queues.oldestWaitingSince.getTime()) / 1000))
    : null;
  const problems = [
    ...(pending.length > 0 ? [`migrations not applied: ${pending.join(', ')}`] : []),
    ...(oldest !== null && oldest > limitSeconds
      ? [
          `an inbound message has waited ${oldest} s to be processed, over READY_MAX_INBOUND_AGE_SECONDS (${limitSeconds} s)`,
        ]
      : []),
  ];
  return {
    status: problems.length === 0 ? 'ready' : 'not-ready',
    database: 'ok',
    migrations: { pending },
    inbound: { waiting: queues.inboundWaiting, oldestWaitingSeconds: oldest, limitSeconds },
    problems,
  };
}
