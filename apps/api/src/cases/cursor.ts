import {
  CASE_LIST_SORTS,
  type CaseListCursor,
  type CaseListSort,
  type CaseListSortedCursor,
} from '@escalations/db';
import { ApiError } from '../common/api-error';
import { isUuid } from '../common/uuid';

/** Opaque page cursors: the last row's sort key, base64url-encoded. */
export function encodeCursor(cursor: CaseListCursor): string {
  return Buffer.from(JSON.stringify([cursor.raisedAt, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): CaseListCursor {
  try {
    const [raisedAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof raisedAt === 'string' &&
      typeof id === 'string' &&
      isUuid(id) &&
      !Number.isNaN(Date.parse(raisedAt))
    ) {
      return { raisedAt, id };
    }
  } catch {
    // fall through to the error below
  }
  throw ApiError.badRequest('cursor: not a cursor this API gave out', [
    { field: 'cursor', message: 'not a cursor this API gave out' },
  ]);
}

/** A sorted page's cursor names its sort, so a cursor from another order is refused. */
export function encodeSortedCursor(cursor: CaseListSortedCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.ref])).toString('base64url');
}

export function decodeSortedCursor(text: string, sort: CaseListSort): CaseListSortedCursor {
  try {
    const [given, value, ref] = JSON.parse(
      Buffer.from(text, 'base64url').toString('utf8'),
    ) as unknown[];
    if (
      given === sort &&
      (CASE_LIST_SORTS as readonly unknown[]).includes(given) &&
      typeof ref === 'string' &&
      validSortValue(sort, value)
    ) {
      return { sort, value: value as string | number | null, ref };
    }
  } catch {
    // fall through to the error below
  }
  throw ApiError.badRequest(`cursor: not a cursor this API gave out for sort=${sort}`, [
    { field: 'cursor', message: `not a cursor this API gave out for sort=${sort}` },
  ]);
}

function validSortValue(sort: CaseListSort, value: unknown): boolean {
  const key = sort.replace(/^-/, '');
  if (key === 'stage') return Number.isInteger(value);
  if (key === 'reference') return typeof value === 'string';
  if (key === 'dueAt' && value === null) return true;
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}
