import { loggableError, loggableFrames } from '../loggable-error';

/**
 * What a log line may carry beside its event: ids, codes, counts and durations. There is no
 * field for a name, an address, a subject or free text, so none can be logged; and each
 * value is checked for its shape, so a name passed where a code belongs is not written.
 */
export interface LogFields {
  /** a `messages` row id */
  messageId?: string;
  /** an `outbox` row id */
  outboxId?: string;
  /** a case reference, `NEL-2026-0001` */
  caseRef?: string;
  caseRefs?: readonly string[];
  requestId?: string;
  /** the reference an error's answer gave its caller */
  reference?: string;
  /** an HTTP method and the route's pattern (`/api/v1/cases/:ref`), never the URL itself */
  method?: string;
  route?: string;
  /** the framework's or a library's name for its part: `ExceptionsHandler` */
  component?: string;
  policy?: string;
  calendar?: string;
  /** a calendar's last day, `2030-12-31`, and the days from today to it */
  lastDay?: string;
  daysLeft?: number;
  /** a kind code: a command, a message's classification, a notice */
  kind?: string;
  /** an outcome code */
  outcome?: string;
  /** the worker loop or component: `processor`, `sender` */
  loop?: string;
  /** an IMAP UID */
  uid?: number;
  count?: number;
  attempt?: number;
  bytes?: number;
  durationMs?: number;
  status?: number;
  duplicate?: boolean;
  /** counts by code: `{ reminders: 2, breaches: 1 }` */
  counts?: Readonly<Record<string, number>>;
  /** logged as `loggableError` gives it: its kind, codes and schema names, never its message */
  error?: unknown;
  /** with `error`: where it was thrown (stack frames, without the message line) */
  frames?: boolean;
}

type Check = (value: unknown) => unknown;

const NOT_LOGGED = '[not an id]';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CASE_REF = /^[A-Z0-9]{1,12}-\d{4}-\d{4,8}$/;
/** short, lower-case, no spaces: an id or code as the code writes it, not a person's words */
const CODE = /^[a-z0-9][a-z0-9._:/-]{0,63}$/;
/** what `X-Request-Id` may carry (the API makes one of its own for anything else) */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const METHOD = /^[A-Z]{3,7}$/;
const ROUTE = /^\/[A-Za-z0-9_.:/{}*-]{0,200}$/;
const COMPONENT = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

const matching =
  (pattern: RegExp): Check =>
  (value) =>
    typeof value === 'string' && pattern.test(value) ? value : NOT_LOGGED;
const count: Check = (value) =>
  typeof value === 'number' && Number.isFinite(value) ? value : NOT_LOGGED;
const flag: Check = (value) => (typeof value === 'boolean' ? value : NOT_LOGGED);

const CHECKS: Record<
  Exclude<keyof LogFields, 'error' | 'frames' | 'caseRefs' | 'counts'>,
  Check
> = {
  messageId: matching(UUID),
  outboxId: matching(UUID),
  caseRef: matching(CASE_REF),
  requestId: matching(REQUEST_ID),
  reference: matching(CODE),
  method: matching(METHOD),
  route: matching(ROUTE),
  component: matching(COMPONENT),
  policy: matching(CODE),
  calendar: matching(CODE),
  lastDay: matching(/^\d{4}-\d{2}-\d{2}$/),
  daysLeft: count,
  kind: matching(CODE),
  outcome: matching(CODE),
  loop: matching(CODE),
  uid: count,
  count,
  attempt: count,
  bytes: count,
  durationMs: count,
  status: count,
  duplicate: flag,
};

/** The fields as a line carries them: only the allowed keys, each value checked. */
export function loggableFields(fields: LogFields): Record<string, unknown> {
  const line: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(CHECKS)) {
    const value = (fields as Record<string, unknown>)[key];
    if (value !== undefined) line[key] = check(value);
  }
  if (fields.caseRefs !== undefined)
    line.caseRefs = Array.isArray(fields.caseRefs)
      ? fields.caseRefs.map(matching(CASE_REF))
      : NOT_LOGGED;
  if (fields.counts !== undefined) line.counts = countsOf(fields.counts);
  if (fields.error !== undefined) {
    line.error = loggableError(fields.error);
    if (fields.frames) line.frames = loggableFrames(fields.error);
  }
  return line;
}

function countsOf(counts: Readonly<Record<string, number>>): Record<string, unknown> | string {
  if (typeof counts !== 'object' || counts === null) return NOT_LOGGED;
  return Object.fromEntries(
    Object.entries(counts)
      .filter(([key]) => CODE.test(key))
      .map(([key, value]) => [key, count(value)]),
  );
}
