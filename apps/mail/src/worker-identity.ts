import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  InboundMessageRepository,
  OutboxRepository,
  type Database,
  type LeaseHolder,
} from '@escalations/db';

/**
 * This worker's lease holder: a stable identity for the role instance (WORKER_ID, else the
 * host and the role: a restarted container keeps its host name) and a new incarnation for
 * every start. Two instances on one host need WORKER_IDs of their own, else the second to
 * start would take the first's leases back as if it had died.
 */
export function leaseHolderOf(
  role: string,
  workerId: string | undefined,
  host: string = hostname(),
): LeaseHolder {
  const worker = workerId?.trim() || `${host}/${role}`;
  return { worker, incarnation: randomUUID() };
}

/**
 * At start: whatever an earlier incarnation of this worker held when it died (messages being
 * processed, mail being sent) is due again now, not when its lease would have run out.
 */
export async function takeOverFromPredecessor(
  database: Database,
  holder: LeaseHolder,
  now: Date,
): Promise<{ inbound: number; outbox: number }> {
  const inbound = await new InboundMessageRepository().releaseEarlierIncarnations(
    database,
    holder,
    now,
  );
  const outbox = await new OutboxRepository().releaseEarlierIncarnations(database, holder, now);
  return { inbound, outbox };
}
