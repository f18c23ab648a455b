import type { Notice } from '@escalations/domain';
import type { Executor } from '../database';
import { notices } from '../schema';
import { storableJson } from '../storable-text';

/** The notices a change called for, once each: a key already written is skipped. */
export class NoticeRepository {
  /** Returns the notices actually written (those whose key was new). */
  async insertNew(executor: Executor, caseId: string, caseNotices: readonly Notice[]) {
    if (caseNotices.length === 0) return [];
    return executor
      .insert(notices)
      .values(
        caseNotices.map((notice) => ({
          caseId,
          key: notice.key,
          kind: notice.kind,
          stage: notice.stage,
          recipients: storableJson(notice.to),
          data: storableJson(notice.data),
        })),
      )
      .onConflictDoNothing({ target: [notices.caseId, notices.key] })
      .returning();
  }
}
