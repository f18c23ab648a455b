import { DateTime } from 'luxon';

/**
 * When a case was raised, as a manager types it: an instant with a zone
 * (`2026-12-23T10:00:00Z`), a local time in the policy's zone (`2026-12-23T10:00`), or a
 * date alone, read as 09:00 local, the start of a working day.
 */
export function parseRaisedAt(text: string, zone: string): Date {
  const trimmed = text.trim();
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(trimmed);
  const parsed = DateTime.fromISO(
    dateOnly ? `${trimmed}T09:00` : trimmed,
    hasZone ? { setZone: true } : { zone },
  );
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed) || !parsed.isValid) {
    throw new Error(
      `--raised: "${text}" is not a date and time; write 2026-12-23T10:00:00Z, 2026-12-23T10:00 (local) or 2026-12-23`,
    );
  }
  return parsed.toJSDate();
}
