/**
 * The one backoff for mail that failed, an inbound message the processor could not handle or
 * an outgoing one a server refused for now: tried again after 1, 5 and 15 minutes, an hour,
 * then every four hours, until `maxAttempts` attempts have been made.
 */
export const BACKOFF_MINUTES = [1, 5, 15, 60, 240] as const;

/** When to try again after `attempts` failed attempts; null once they are used up. */
export function nextAttemptAt(attempts: number, maxAttempts: number, now: Date): Date | null {
  if (attempts >= maxAttempts) return null;
  const minutes = BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1]!;
  return new Date(now.getTime() + minutes * 60_000);
}
