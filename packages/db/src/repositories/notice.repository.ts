import type { Notice } from '@escalations/domain';
import type { Executor } from '../database';
import { notices } from '../schema';
import { storableJson } from '../storable-text';

/** The notices a change called for, once each: a key already written is skipped. */
export class NoticeRepository {
  /** Returns the notices actually written (those whose key was new). */
  async insertNew(executor: Executor, caseId: string, caseNotices: readonly Notice[]) {
    return this.insertNewMany(executor, [{ caseId, notices: caseNotices }]);
  }

  /** `insertNew` for several cases in one statement: the rows written, each with its case. */
  async insertNewMany(
    executor: Executor,
    perCase: readonly { caseId: string; notices: readonly Notice[] }[],
  ) {
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
    if (rows.length === 0) return [];
    return executor
      .insert(notices)
      .values(rows)
      .onConflictDoNothing({ target: [notices.caseId, notices.key] })
      .returning();
  }
}
