import { withinCalendar } from '../../deadline/beyond-calendar';
import { stepDeadline } from '../../deadline/step-deadline';
import type { CaseChange } from '../case-change';
import type { StageRecord, StepRecord } from '../case-state';

/** The policy's timed steps of a stage just entered, each with its own clock started. */
export function startSteps(change: CaseChange, stage: StageRecord): StepRecord[] {
  const { policy, calendar } = change.context;
  return (policy.stages[stage.number - 1]?.steps ?? []).map((step) => {
    const computed = withinCalendar(() =>
      stepDeadline(policy, calendar, step, new Date(stage.startedAt)),
    );
    const deadline = 'value' in computed ? computed.value : null;
    return {
      id: step.id,
      startDate: deadline?.startDate ?? null,
      dueDate: deadline?.dueDate ?? null,
      dueAt: deadline?.dueAt.toISOString() ?? null,
      remindAt: null,
      remindedAt: null,
      breachedAt: null,
      checkAt: null,
      completedAt: null,
      endedBy: null,
      ...('beyond' in computed ? { beyondCalendar: computed.beyond } : {}),
    };
  });
}

/** What the stage-entered event and the case's notices say of a stage's steps. */
export function stepsOnRecord(change: CaseChange, stage: StageRecord) {
  const definitions = change.context.policy.stages[stage.number - 1]?.steps ?? [];
  return (stage.steps ?? []).map((step) => ({
    id: step.id,
    title: definitions.find((d) => d.id === step.id)?.title ?? step.id,
    dueDate: step.dueDate,
    dueAt: step.dueAt,
  }));
}

/**
 * A stage that ends (escalated, resolved, withdrawn, decided) ends its steps still open:
 * nothing more is due of them, and no reminder or breach notice goes.
 */
export function endSteps(stage: StageRecord, at: string): void {
  for (const step of stage.steps ?? []) {
    if (step.completedAt) continue;
    step.completedAt = at;
    step.endedBy = 'stage-ended';
  }
}
