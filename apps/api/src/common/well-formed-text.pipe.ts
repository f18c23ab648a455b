import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiError } from './api-error';

const NUL = 'must not contain a NUL character';
const NOT_UTF8 = 'is not valid UTF-8';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Every query parameter, path parameter and JSON string, before any route sees it: a NUL
 * (which Postgres cannot store or even compare) or text that was not UTF-8 is the caller's
 * mistake, answered with 400 naming the field, never a 500 from the database. Query and path
 * text that was not UTF-8 arrives as U+FFFD (Express's decoding replaces the bad bytes);
 * in a JSON body U+FFFD may be real text pasted from a broken email, so only lone surrogates
 * count there.
 */
@Injectable()
export class WellFormedTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const fromUrl = metadata.type === 'query' || metadata.type === 'param';
    const problem = findProblem(value, metadata.data ?? null, fromUrl);
    if (problem) {
      const field = problem.path.join('.') || '(body)';
      throw ApiError.badRequest(`${field}: ${problem.message}`, [
        { field, message: problem.message },
      ]);
    }
    return value;
  }
}

/** Where a value sits: its name and its parent's place, so no path is copied on the way down. */
interface Place {
  name: string | null;
  parent: Place | null;
}

function pathOf(place: Place): string[] {
  const path: string[] = [];
  for (let at: Place | null = place; at; at = at.parent) if (at.name !== null) path.push(at.name);
  path.reverse();
  // a field nested thousands deep is named by its beginning and its end
  return path.length > 8 ? [...path.slice(0, 6), '…', path.at(-1)!] : path;
}

/**
 * The first bad string or key, depth first. A loop over a stack rather than recursion: a
 * JSON body may nest as deep as its size allows.
 */
function findProblem(
  value: unknown,
  name: string | null,
  fromUrl: boolean,
): { path: string[]; message: string } | null {
  const stack: { value: unknown; place: Place }[] = [{ value, place: { name, parent: null } }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value: current, place } = next;
    if (typeof current === 'string') {
      const message = textProblem(current, fromUrl);
      if (message) return { path: pathOf(place), message };
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) {
        // a parameter given twice is still one parameter: name it, not its position
        const child = fromUrl ? place : { name: String(index), parent: place };
        stack.push({ value: current[index], place: child });
      }
    } else if (typeof current === 'object' && current !== null && !Buffer.isBuffer(current)) {
      const entries: [string, unknown][] = Object.entries(current);
      for (const [key] of entries) {
        const message = textProblem(key, fromUrl);
        if (message) {
          const shown = JSON.stringify(key).slice(1, -1);
          return { path: pathOf({ name: shown, parent: place }), message };
        }
      }
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, item] = entries[index]!;
        stack.push({ value: item, place: { name: key, parent: place } });
      }
    }
  }
  return null;
}

function textProblem(text: string, fromUrl: boolean): string | null {
  if (text.includes('\u0000')) return NUL;
  if (LONE_SURROGATE.test(text) || (fromUrl && text.includes('\uFFFD'))) return NOT_UTF8;
  return null;
}
