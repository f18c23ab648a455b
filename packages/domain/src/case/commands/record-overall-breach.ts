import type { CaseChange } from '../case-change';
import { currentStage } from '../case-state';
import { refuse } from '../refusal';

/**
 * The policy's overall limit passed with the case still open (NEL: "RESOLUTION PROCESS (to
 * be completed within 22 working days (1 month))"; islands: "a maximum of ten working
 * days"): recorded once, dated at the limit, and told to everyone on the case and to the
 * partnership.
 */
export function recordOverallBreach(change: CaseChange): void {
  const { policy, now } = change.context;
  const { state } = change;
  if (!state.overallDueAt || !state.overallDueDate)
    refuse('no-deadline', `${policy.title} sets no overall limit`);
  if (state.overallBreachedAt)
    refuse(
      'already-done',
      `the overall limit of ${state.overallDueDate} is already recorded as passed`,
    );
  if (now.getTime() <= Date.parse(state.overallDueAt))
    refuse('not-due', `the overall limit is ${state.overallDueAt}`);
  state.overallBreachedAt = state.overallDueAt;
  const stage = currentStage(state).number;
  change.event(
    'overall-limit-breached',
    stage,
    { dueDate: state.overallDueDate, dueAt: state.overallDueAt, recordedAt: change.now },
    state.overallDueAt,
  );
  change.notice(
    'overall-breach',
    stage,
    ['case.participants', `partnership.${policy.partnershipContact}`],
    { dueDate: state.overallDueDate, workingDays: policy.overallLimit?.workingDays ?? null },
    'overall-breach',
  );
}
