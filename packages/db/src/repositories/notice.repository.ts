import { sql } from 'drizzle-orm';
import type { Notice } from '@escalations/domain';
import type { Executor } from '../database';
import { notices } from '../schema';
import { storableJson } from '../storable-text';
import { insertJsonRows } from './json-rows';

/** The notices a change called for, once each: a key already written is skipped. */
export class NoticeRepository {
  /** Returns the notices actually written (those whose key was new). */
  /** A case's notices not written before (a replayed one is skipped): each as its id and key. */
  insertNew(executor: Executor, caseId: string, caseNotices: readonly Notice[]) {
    return this.insertNewMany(executor, [{ caseId, notices: caseNotices }]);
  }

  /**
   * `insertNew` for several cases in one statement: the notices written, each as its id, its
   * case and its key.
   */
  async insertNewMany(
    executor: Executor,
    perCase: readonly { caseId: string; notices: readonly Notice[] }[],
  ): Promise<{ id: string; caseId: string; key: string }[]> {
    const rows = perCase.flatMap(({ caseId, notices: caseNotices }) =>
      caseNotices.map((notice) => ({
        caseId,
        key: notice.key,
        kind: notice.kind,
        stage: notice.stage,
        recipients: storableJson(notice.to),
        data: storableJson(notice.data),
      })),
    );
    const written = await insertJsonRows(executor, notices, rows, {
      tail: (nameOf) =>
        sql.raw(
          `on conflict (${nameOf('caseId')}, ${nameOf('key')}) do nothing ` +
            `returning ${nameOf('id')}, ${nameOf('caseId')}, ${nameOf('key')}`,
        ),
    });
    return written.map((row) => ({
      id: String(row['id']),
      caseId: String(row['case_id']),
      key: String(row['key']),
    }));
  }
}
