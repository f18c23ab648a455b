import type { DNSResolver } from 'mailauth';

/** How long an answer is kept: under the TTL of nearly every published SPF and DMARC record. */
export const DNS_ANSWER_KEEP_MS = 30_000;

export interface DnsCacheOptions {
  /** how long an answer is kept (`DNS_ANSWER_KEEP_MS`) */
  keepMs?: number;
  /** names kept at most; the oldest goes first */
  maxNames?: number;
  now?: () => number;
}

/** Answers, not failures: the name does not exist, or has no record of the type asked. */
const NEGATIVE_ANSWERS = new Set(['ENOTFOUND', 'ENODATA']);

type Outcome = { answer: unknown[] } | { error: Error & { code?: unknown } };

interface Entry {
  expires: number;
  outcome: Promise<Outcome>;
}

/**
 * The sender checks' lookups, each answer kept for a short while. An agency's mail comes
 * from a handful of domains, and every message asks the same two or three names (SPF,
 * DMARC, the organisational domain's DMARC): without a cache each message waits on a round
 * trip to the resolver for answers it had a moment ago. Node's resolver does not tell a
 * TXT record's TTL, so the time kept is fixed and short.
 *
 * "No such name" and "no such record" are kept as answers (RFC 2308); a timeout or a
 * server failure is not, so the next message asks again. Lookups of the same name in
 * flight at once share one query. Every caller gets its own copy of the answer, and its
 * own error to write on (mailauth writes its SPF verdict onto the error it catches).
 */
export function cachingDnsResolver(
  resolve: DNSResolver,
  { keepMs = DNS_ANSWER_KEEP_MS, maxNames = 10_000, now = Date.now }: DnsCacheOptions = {},
): DNSResolver {
  const entries = new Map<string, Entry>();
  const lookup: DNSResolver = (name, rrtype) => {
    const key = `${rrtype} ${name.toLowerCase()}`;
    const at = now();
    let entry = entries.get(key);
    if (!entry || entry.expires <= at) {
      if (entry) entries.delete(key);
      const fresh: Entry = {
        expires: at + keepMs,
        outcome: outcomeOf(() => resolve(name, rrtype)),
      };
      entries.set(key, fresh);
      if (entries.size > maxNames) entries.delete(entries.keys().next().value!);
      void fresh.outcome.then((outcome) => {
        const kept = 'answer' in outcome || NEGATIVE_ANSWERS.has(outcome.error.code as string);
        if (!kept && entries.get(key) === fresh) entries.delete(key);
      });
      entry = fresh;
    }
    return entry.outcome.then(handOut) as ReturnType<DNSResolver>;
  };
  return lookup;
}

async function outcomeOf(lookup: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { answer: (await lookup()) as unknown[] };
  } catch (caught) {
    // an object whatever realm it was made in (Node's own errors are not the caller's Error)
    return {
      error:
        typeof caught === 'object' && caught !== null
          ? (caught as Error)
          : new Error(String(caught)),
    };
  }
}

function handOut(outcome: Outcome): unknown[] {
  if ('error' in outcome) {
    // the same error to read (code, message, stack), and a place of its own to write on
    throw Object.create(outcome.error) as Error;
  }
  return outcome.answer.map((row) =>
    Array.isArray(row)
      ? [...(row as unknown[])]
      : typeof row === 'object' && row !== null
        ? { ...row }
        : row,
  );
}
