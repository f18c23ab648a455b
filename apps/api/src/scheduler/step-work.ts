import type { StepRecord } from '@escalations/domain';

/** A timed step's reminder or breach the sweep is to apply, at the instant it fell due. */
export interface StepWork {
  kind: 'step';
  ref: string;
  stage: number;
  step: string;
  breach: boolean;
  at: number;
}

/**
 * The steps of the stages the step probe found that need a look now: past a step's due
 * instant its breach (which replaces a reminder missed in downtime), else its reminder.
 */
export function dueStepWork(
  rows: readonly { ref: string; stage: number; steps: readonly StepRecord[] }[],
  now: Date,
): StepWork[] {
  return rows.flatMap((row) =>
    row.steps
      .filter((step) => step.checkAt !== null && Date.parse(step.checkAt) <= now.getTime())
      .map((step) => {
        const dueAt = step.dueAt === null ? Infinity : Date.parse(step.dueAt);
        const breach = now.getTime() > dueAt;
        return {
          kind: 'step' as const,
          ref: row.ref,
          stage: row.stage,
          step: step.id,
          breach,
          at: breach ? dueAt : Date.parse(step.checkAt!),
        };
      }),
  );
}

/** The scheduler's command for a step's work, and how the sweep's report names it. */
export function stepCommand(item: StepWork) {
  return {
    command: {
      kind: item.breach ? ('step-breach' as const) : ('step-remind' as const),
      stage: item.stage,
      step: item.step,
    },
    label: `${item.ref} stage ${item.stage} ${item.step}`,
  };
}
