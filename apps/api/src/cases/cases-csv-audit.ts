import type { CaseQueryRepository } from '@escalations/db';

type ExportStage = Awaited<ReturnType<CaseQueryRepository['exportStages']>>[number];
type ExportCase = Awaited<ReturnType<CaseQueryRepository['exportPage']>>[number];

/**
 * The columns an auditor needs beyond the list's (issue 11, item 7): breaches, the stage the
 * case was resolved at (a DECISION counts as resolved at the final stage), the outcome, and
 * for each stage when it was entered, its due date, when it was left and how. As many stage
 * groups as the longest policy the key may see, so one key's files always share a header.
 */
export function auditColumns(stageCount: number): string[] {
  const columns = ['breaches', 'stageResolvedAt', 'outcome'];
  for (let n = 1; n <= stageCount; n++)
    columns.push(`stage${n}Entered`, `stage${n}Due`, `stage${n}Left`, `stage${n}Outcome`);
  return columns;
}

/** One case's values for `auditColumns`, its stages in order of number. */
export function auditFields(
  row: Pick<ExportCase, 'status' | 'closingText'>,
  stages: readonly ExportStage[],
  stageCount: number,
): string[] {
  const settled = row.status === 'resolved' || row.status === 'decided';
  const resolvedAt = settled
    ? stages.find((stage) => stage.outcome === 'resolved' || stage.outcome === 'decided')
    : undefined;
  const fields = [
    String(stages.reduce((sum, stage) => sum + stage.breaches, 0)),
    resolvedAt ? String(resolvedAt.number) : '',
    // the agreed outcome or the decision; a withdrawal has none
    settled ? (row.closingText ?? '') : '',
  ];
  for (let n = 1; n <= stageCount; n++) {
    const stage = stages.find((s) => s.number === n);
    fields.push(
      stage?.startedAt.toISOString() ?? '',
      stage?.dueDate ?? '',
      stage?.completedAt?.toISOString() ?? '',
      stage?.outcome ?? '',
    );
  }
  return fields;
}
