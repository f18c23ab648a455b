import { withinCalendar } from '../../deadline/beyond-calendar';
import { stageDeadline } from '../../deadline/stage-deadline';
import type { CaseChange } from '../case-change';
import type { StageEntry, StageRecord } from '../case-state';
import { applyBreachRule } from './apply-breach-rule';
import { policyStageNotices } from './policy-stage-notices';
import { startSteps, stepsOnRecord } from './stage-steps';

/**
 * Open a stage, start its clock, and queue the policy's notices for entering it. A
 * cumulative stage entered after its due instant is overdue on entry: its breach is
 * recorded at entry and the breach rule applies at once (POLICIES.md).
 */
export function enterStage(
  change: CaseChange,
  number: number,
  startedAt: string,
  enteredBy: StageEntry,
): StageRecord {
  const { policy, calendar } = change.context;
  const computed = withinCalendar(() =>
    stageDeadline(policy, calendar, {
      raisedAt: new Date(change.state.raisedAt),
      stage: number,
      startedAt: new Date(startedAt),
    }),
  );
  const deadline = 'value' in computed ? computed.value : null;
  const stage: StageRecord = {
    number,
    startedAt,
    enteredBy,
    startDate: deadline?.startDate ?? null,
    policyDueDate: deadline?.policyDueDate ?? null,
    dueDate: deadline?.dueDate ?? null,
    dueAt: deadline?.dueAt.toISOString() ?? null,
    extensions: [],
    breaches: [],
    remindedAt: null,
    remindAt: null,
    checkAt: null,
    completedAt: null,
    outcome: null,
    workingDaysTaken: null,
    ...('beyond' in computed ? { beyondCalendar: computed.beyond } : {}),
  };
  const steps = startSteps(change, stage);
  if (steps.length > 0) stage.steps = steps;
  change.state.stages.push(stage);
  change.event(
    'stage-entered',
    number,
    {
      title: policy.stages[number - 1]?.title,
      enteredBy,
      startDate: stage.startDate,
      dueDate: stage.dueDate,
      dueAt: stage.dueAt,
      basis: deadline?.basis ?? null,
      ...(deadline?.overdueOnEntry ? { overdueOnEntry: true } : {}),
      ...('beyond' in computed ? { beyondCalendar: computed.beyond } : {}),
      ...(steps.length > 0 ? { steps: stepsOnRecord(change, stage) } : {}),
    },
    startedAt,
  );
  policyStageNotices(change, number, 'enter');
  if (deadline?.overdueOnEntry) applyBreachRule(change, stage, startedAt, true);
  return stage;
}
