import type { ReportRepository } from '@escalations/db';
import type { PolicyFile } from '@escalations/domain';
import { stepLabel } from './step-label';

type DelayedStage = Awaited<ReturnType<ReportRepository['delayedStages']>>[number];

/**
 * The rationales for delays, as the timeliness and annual reports list them: each missed
 * timescale with the rationale given for it (null where none was: that too is for the
 * auditor to see), a stage's and then its timed steps' (named by the step and its label),
 * and each agreed extension with its reason.
 */
export function delaysOf(rows: readonly DelayedStage[], policy?: PolicyFile) {
  return {
    missedTimescales: rows.flatMap((row) => [
      ...row.breaches.map((breach) => ({
        ref: row.ref,
        stage: row.stage,
        dueDate: breach.dueDate,
        breachedAt: breach.at,
        rationale: breach.rationale
          ? { text: breach.rationale.text, by: breach.rationale.by, at: breach.rationale.at }
          : null,
      })),
      ...row.steps.flatMap((step) =>
        step.breachedAt && step.dueDate
          ? [
              {
                ref: row.ref,
                stage: row.stage,
                step: step.id,
                label: stepLabel(policy, row.stage, step.id),
                dueDate: step.dueDate,
                breachedAt: step.breachedAt,
                rationale: step.rationale
                  ? { text: step.rationale.text, by: step.rationale.by, at: step.rationale.at }
                  : null,
              },
            ]
          : [],
      ),
    ]),
    extensions: rows.flatMap((row) =>
      row.extensions.map((extension) => ({
        ref: row.ref,
        stage: row.stage,
        fromDueDate: extension.fromDueDate,
        dueDate: extension.dueDate,
        reason: extension.reason,
        agreedBy: extension.agreedBy,
        agreedAt: extension.agreedAt,
      })),
    ),
  };
}
