/**
 * The candidate a person most likely meant when they typed `typed`, for "did you mean"
 * hints; undefined when nothing is close. Compared lower-case with spaces, hyphens and
 * underscores ignored. Close means another form of the same word (`RESOLVE`, `Resolution`
 * for `RESOLVED`) or a few typing slips apart, fewer for short words so that `Date` is not
 * taken for `Case`. The closest wins; on a tie, the earlier candidate.
 */
export function findNearMiss<T extends string>(
  typed: string,
  candidates: readonly T[],
): T | undefined {
  const a = squash(typed);
  if (a.length < 3 || a.length > 40) return undefined;
  let best: { candidate: T; distance: number } | undefined;
  for (const candidate of candidates) {
    const b = squash(candidate);
    if (a === b) return candidate;
    const distance = isVariantOf(a, b) ? 1 : editDistance(a, b);
    if (distance <= allowedSlips(b.length) && (best === undefined || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

/**
 * One word is the other with an ending added or changed: `NOTES`, `Extension`,
 * `Resolution`. Short words need the whole word, so `Cases` is `Case` but `Cat` is not.
 */
function isVariantOf(a: string, b: string): boolean {
  if (Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a))) return true;
  let shared = 0;
  while (shared < a.length && a[shared] === b[shared]) shared++;
  return shared >= 5;
}

function squash(word: string): string {
  return word.toLowerCase().replace(/[\s_-]+/g, '');
}

function allowedSlips(length: number): number {
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

/** Levenshtein distance, with an adjacent swap counting as one slip. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      }
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
