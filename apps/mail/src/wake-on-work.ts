import { listenFor, type Database, type WorkChannel } from '@escalations/db';
import type { Log } from '@escalations/db/log';
import type { WorkerLoop } from './worker-loop';

/**
 * How long a loop sleeps when nothing wakes it: only retries and leases that ran out are
 * found this way, since new work notifies.
 */
export const FALLBACK_POLL_MS = 5_000;

/**
 * Wake `loop` whenever the database says work arrived on `channel` (raised by the inserting
 * transaction, so another process's mail wakes this one too). Returns how to stop listening.
 * If the database cannot listen, the loop's fallback poll is all there is: logged.
 */
export async function wakeOnWork(
  database: Database,
  channel: WorkChannel,
  loop: WorkerLoop,
  log: Log,
): Promise<() => Promise<void>> {
  const unlisten = await listenFor(database, channel, () => loop.wake());
  if (!unlisten) log.warn('loop.no-notifications', { loop: channel });
  return unlisten ?? (() => Promise.resolve());
}
