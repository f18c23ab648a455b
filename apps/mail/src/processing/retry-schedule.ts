/** A message that failed is tried again after 1, 5, 15, 60 minutes, then set aside. */
const DELAYS_MINUTES = [1, 5, 15, 60, 240];

export function nextAttemptAt(attempts: number, maxAttempts: number, now: Date): Date | null {
  if (attempts >= maxAttempts) return null;
  const minutes = DELAYS_MINUTES[Math.min(attempts - 1, DELAYS_MINUTES.length - 1)] ?? 60;
  return new Date(now.getTime() + minutes * 60_000);
}
