import type { NoticeMoment } from '../../policy/policy.schema';
import type { CaseChange } from '../case-change';

/** Queue the notices a policy attaches to a moment of a stage (e.g. NEL stage 5 on entry). */
export function policyStageNotices(
  change: CaseChange,
  stage: number,
  moment: NoticeMoment,
  extra: Record<string, unknown> = {},
): void {
  const definition = change.context.policy.stages[stage - 1];
  for (const [i, notice] of (definition?.notices ?? []).entries()) {
    if (notice.on !== moment) continue;
    // A case enters, resolves and closes each stage at most once, so these keys are stable.
    change.notice(
      'stage-notice',
      stage,
      [notice.to],
      { moment, says: notice.says, attach: notice.attach ?? null, source: notice.source, ...extra },
      `stage-notice:${stage}:${moment}:${i}`,
    );
  }
}
