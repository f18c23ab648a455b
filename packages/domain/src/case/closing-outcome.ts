import { describeTimeTaken, localDateOf, timeTaken, writtenDate } from '../records/case-dates';
import type { CaseChange } from './case-change';

/**
 * What every document asks to have in writing when a disagreement ends: the agreed outcome,
 * each outstanding issue and how it will be pursued, the stage it was resolved at and the
 * time taken (south-glos' Monitoring Form asks for the last two in so many words). The same
 * record goes to the participants and to the partnership.
 */
export interface ClosingOutcome {
  /** `Agreed outcome`, or `Decision` where the final stage decided it */
  label: string;
  text: string;
  outstanding: string[];
  stage: { number: number; title: string };
  raisedOn: string;
  closedOn: string;
  timeTaken: { workingDays: number | null; calendarDays: number; text: string };
}

export function closingOutcome(
  change: CaseChange,
  stage: number,
  text: string,
  outstanding: string[],
  decided: boolean,
): ClosingOutcome {
  const { policy, calendar } = change.context;
  const closedAt = change.now;
  const taken = timeTaken(change.state.raisedAt, closedAt, calendar);
  return {
    label: decided ? 'Decision' : 'Agreed outcome',
    text,
    outstanding,
    stage: { number: stage, title: policy.stages[stage - 1]?.title ?? `Stage ${stage}` },
    raisedOn: writtenDate(localDateOf(change.state.raisedAt, calendar)),
    closedOn: writtenDate(localDateOf(closedAt, calendar)),
    timeTaken: { ...taken, text: describeTimeTaken(taken) },
  };
}
