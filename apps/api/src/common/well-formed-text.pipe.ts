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
    const problem = findProblem(value, metadata.data ? [metadata.data] : [], fromUrl);
    if (problem) {
      const field = problem.path.join('.') || '(body)';
      throw ApiError.badRequest(`${field}: ${problem.message}`, [
        { field, message: problem.message },
      ]);
    }
    return value;
  }
}

function findProblem(
  value: unknown,
  path: string[],
  fromUrl: boolean,
): { path: string[]; message: string } | null {
  if (typeof value === 'string') {
    const message = textProblem(value, fromUrl);
    return message ? { path, message } : null;
  }
  if (Array.isArray(value)) {
    // a parameter given twice is still one parameter: name it, not its position
    for (const [index, item] of value.entries()) {
      const found = findProblem(item, fromUrl ? path : [...path, String(index)], fromUrl);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = textProblem(key, fromUrl);
      if (keyProblem)
        return { path: [...path, JSON.stringify(key).slice(1, -1)], message: keyProblem };
      const found = findProblem(item, [...path, key], fromUrl);
      if (found) return found;
    }
  }
  return null;
}

function textProblem(text: string, fromUrl: boolean): string | null {
  if (text.includes('\u0000')) return NUL;
  if (LONE_SURROGATE.test(text) || (fromUrl && text.includes('\uFFFD'))) return NOT_UTF8;
  return null;
}
