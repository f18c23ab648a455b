/**
 * Every quotation a policy file makes of its document, and the ones its document does not
 * hold. A quotation is any `source` or `...Source` string, and each item of `wordings` and
 * `routes`, anywhere in the parsed YAML; it must stand in the document word for word once
 * runs of whitespace are collapsed on both sides (nothing else is forgiven: a deadline must
 * rest on what the partnership actually wrote).
 */

import { parse } from 'yaml';

export interface PolicyQuote {
  /** where in the YAML, e.g. `stages[2].deadline.source` */
  path: string;
  quote: string;
}

export interface MissingQuote extends PolicyQuote {
  /** the passage of the document most like the quotation, to show what was meant */
  nearest: string;
}

const isQuoteKey = (key: string): boolean => key === 'source' || key.endsWith('Source');
const QUOTE_LISTS = new Set(['wordings', 'routes']);

/** The quotations of a parsed policy file, in the order they appear. */
export function quotesIn(value: unknown, path = ''): PolicyQuote[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => quotesIn(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const at = path ? `${path}.${key}` : key;
    if (QUOTE_LISTS.has(key) && Array.isArray(child))
      return child.flatMap((quote, i) =>
        typeof quote === 'string' ? [{ path: `${at}[${i}]`, quote }] : [],
      );
    if (isQuoteKey(key) && typeof child === 'string') return [{ path: at, quote: child }];
    return quotesIn(child, at);
  });
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** The quotations of `policy` that `document` does not hold, each with its nearest passage. */
export function quotesNotInDocument(policy: unknown, document: string): MissingQuote[] {
  const text = collapse(document);
  return quotesIn(policy)
    .filter(({ quote }) => !text.includes(collapse(quote)))
    .map((found) => ({ ...found, nearest: nearestPassage(found.quote, text) }));
}

/**
 * The run of the document's words, as long as the quotation, sharing the most words with it
 * (a quotation with a word changed, a typo or a line the document words differently finds
 * its sentence). Returned as the document has it, whitespace collapsed, with the punctuation
 * attached to its first and last words.
 */
export function nearestPassage(quote: string, document: string): string {
  const wanted = wordsOf(quote);
  if (wanted.length === 0) return '';
  const tokens = [...collapse(document).matchAll(/[\p{L}\p{N}]+/gu)];
  if (tokens.length === 0) return '';
  const size = Math.min(wanted.length, tokens.length);
  const need = new Map<string, number>();
  for (const word of wanted) need.set(word, (need.get(word) ?? 0) + 1);
  // sliding window: `have` counts the window's words, `shared` how many meet a need
  const have = new Map<string, number>();
  let shared = 0;
  const add = (word: string, by: 1 | -1) => {
    const before = have.get(word) ?? 0;
    const after = before + by;
    have.set(word, after);
    const limit = need.get(word) ?? 0;
    shared += Math.min(after, limit) - Math.min(before, limit);
  };
  const word = (i: number) => tokens[i]![0].toLowerCase();
  for (let i = 0; i < size; i++) add(word(i), 1);
  let best = { start: 0, shared };
  for (let start = 1; start + size <= tokens.length; start++) {
    add(word(start - 1), -1);
    add(word(start + size - 1), 1);
    if (shared > best.shared) best = { start, shared };
  }
  const text = collapse(document);
  const first = tokens[best.start]!;
  const last = tokens[best.start + size - 1]!;
  // whole words as written: the punctuation that clings to the first and last word too
  let from = first.index;
  while (from > 0 && text[from - 1] !== ' ') from--;
  let to = last.index + last[0].length;
  while (to < text.length && text[to] !== ' ') to++;
  return text.slice(from, to);
}

/** A policy file's YAML as plain data, or null when it is not YAML (its shape check says why). */
export function policyYamlValue(text: string): unknown {
  try {
    return parse(text) as unknown;
  } catch {
    return null;
  }
}
