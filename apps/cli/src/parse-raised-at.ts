import { readTypedInstant } from '@escalations/domain';

/**
 * When a case was raised, as a manager types it: an instant with a zone
 * (`2026-12-23T10:00:00Z`), a local time in the policy's zone (`2026-12-23T10:00`), or a
 * date alone, read as 09:00 local, the start of a working day. A local time the clocks skip
 * or repeat is refused, naming the gap or both readings.
 */
export function parseRaisedAt(text: string, zone: string): Date {
  try {
    return readTypedInstant(text, zone);
  } catch (error) {
    throw new Error(`--raised: ${(error as Error).message}`);
  }
}
