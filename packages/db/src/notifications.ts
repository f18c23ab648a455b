import type { Database } from './database';

/** The channels the database raises from the inserting transaction (migration 0016). */
export const WORK_CHANNELS = {
  /** an inbound message was stored */
  inbound: 'inbound_mail',
  /** mail was queued for sending */
  outbox: 'outbox',
} as const;
export type WorkChannel = (typeof WORK_CHANNELS)[keyof typeof WORK_CHANNELS];

/** Stops listening. */
export type Unlisten = () => Promise<void>;

interface PostgresJsClient {
  listen(
    channel: string,
    onNotify: (payload: string) => void,
  ): Promise<{ unlisten(): Promise<void> }>;
  options: unknown;
}
interface PgliteClient {
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  waitReady: unknown;
}

/**
 * Call `onNotify` whenever `channel` is notified: on Postgres through LISTEN on a connection
 * of its own (the `postgres` driver reconnects and listens again if it drops), on PGlite
 * in-process, the same NOTIFY delivered after the statement that raised it. Null when the
 * database's client cannot listen: the caller's slow poll is then all there is.
 */
export async function listenFor(
  database: Database,
  channel: WorkChannel,
  onNotify: () => void,
): Promise<Unlisten | null> {
  // drizzle keeps the driver's client on the database it made
  const client = (database as unknown as { $client?: unknown }).$client;
  if (!client || typeof (client as { listen?: unknown }).listen !== 'function') return null;
  if (typeof client === 'object' && 'waitReady' in client) {
    return (client as PgliteClient).listen(channel, () => onNotify());
  }
  const request = await (client as PostgresJsClient).listen(channel, () => onNotify());
  return () => request.unlisten();
}
