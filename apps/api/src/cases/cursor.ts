import type { CaseListCursor } from '@escalations/db';
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
