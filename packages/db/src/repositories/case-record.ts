import type { CaseState, Participant, StageRecord } from '@escalations/domain';
import type { cases, participants, stages } from '../schema';
import { storableJson, storableTextOrNull } from '../storable-text';
import { caseTimeliness, stageOnTime } from './stage-timeliness';

type CaseRow = typeof cases.$inferSelect;
type ParticipantRow = typeof participants.$inferSelect;
type StageRow = typeof stages.$inferSelect;

/** A case as stored: its row id beside the domain state. */
export interface CaseRecord {
  id: string;
  state: CaseState;
}

const iso = (value: Date | null): string | null => value?.toISOString() ?? null;

/** Rows → the domain's plain-JSON case. */
export function toCaseState(
  row: CaseRow,
  participantRows: ParticipantRow[],
  stageRows: StageRow[],
): CaseState {
  return {
    ref: row.ref,
    policyId: row.policyId,
    status: row.status,
    version: row.version,
    raisedAt: row.raisedAt.toISOString(),
    caseName: row.caseName,
    agency: row.agency,
    otherAgency: row.otherAgency,
    disagreement: row.disagreement,
    category: row.category,
    risk: row.risk,
    outcomeSought: row.outcomeSought,
    attemptsSoFar: row.attemptsSoFar,
    participants: participantRows.map(toParticipant),
    stages: [...stageRows].sort((a, b) => a.number - b.number).map(toStageRecord),
    overallDueDate: row.overallDueDate,
    overallDueAt: iso(row.overallDueAt),
    overallBreachedAt: iso(row.overallBreachedAt),
    overallCheckAt: iso(row.overallCheckAt),
    closedAt: iso(row.closedAt),
    closingText: row.closingText,
    outstanding: row.outstanding,
    proposal: row.proposal ?? null,
    ...(row.overallBeyondCalendar ? { overallBeyondCalendar: row.overallBeyondCalendar } : {}),
    ...(row.calendarId ? { calendarId: row.calendarId } : {}),
    ...(row.forms ? { forms: row.forms } : {}),
  };
}

function toParticipant(row: ParticipantRow): Participant {
  return {
    email: row.email,
    role: row.role,
    joinedAtStage: row.joinedAtStage,
    ...(row.name ? { name: row.name } : {}),
    ...(row.agency ? { agency: row.agency } : {}),
    ...(row.side ? { side: row.side } : {}),
    ...(row.roleTitle ? { roleTitle: row.roleTitle } : {}),
  };
}

function toStageRecord(row: StageRow): StageRecord {
  return {
    number: row.number,
    startedAt: row.startedAt.toISOString(),
    enteredBy: row.enteredBy,
    startDate: row.startDate,
    policyDueDate: row.policyDueDate,
    dueDate: row.dueDate,
    dueAt: iso(row.dueAt),
    extensions: row.extensions,
    breaches: row.breaches,
    remindedAt: iso(row.remindedAt),
    remindAt: iso(row.remindAt),
    checkAt: iso(row.checkAt),
    completedAt: iso(row.completedAt),
    outcome: row.outcome,
    workingDaysTaken: row.workingDaysTaken,
    ...(row.beyondCalendar ? { beyondCalendar: row.beyondCalendar } : {}),
    ...(row.steps.length > 0 ? { steps: row.steps } : {}),
  };
}

/** The earliest next look of a stage's steps: what the scheduler's step probe reads. */
function stepCheckAt(stage: StageRecord): Date | null {
  const checks = (stage.steps ?? []).flatMap((step) => (step.checkAt ? [step.checkAt] : []));
  return checks.length > 0 ? new Date(checks.sort()[0]!) : null;
}

const date = (value: string | null): Date | null => (value ? new Date(value) : null);

/**
 * The working days its stages took, as SQL's `sum` counts them (stages not measured left
 * out; null if none was): the overview's median reads this instead of the stages.
 */
function workingDaysToClose(state: CaseState): number | null {
  const taken = state.stages.flatMap((stage) =>
    stage.workingDaysTaken === null ? [] : [stage.workingDaysTaken],
  );
  return taken.length > 0 ? taken.reduce((sum, days) => sum + days, 0) : null;
}

/** Its latest missed deadline, any stage's: the overview counts breaches from here. */
function lastBreachAt(state: CaseState): Date | null {
  const at = state.stages.flatMap((stage) => stage.breaches.map((breach) => Date.parse(breach.at)));
  return at.length > 0 ? new Date(Math.max(...at)) : null;
}

/** The domain's case → the columns of its row. */
export function toCaseColumns(state: CaseState) {
  const current = state.stages.at(-1);
  return {
    ref: state.ref,
    policyId: state.policyId,
    status: state.status,
    version: state.version,
    raisedAt: new Date(state.raisedAt),
    caseName: state.caseName,
    agency: state.agency,
    otherAgency: state.otherAgency,
    disagreement: state.disagreement,
    category: state.category,
    risk: state.risk,
    outcomeSought: state.outcomeSought,
    attemptsSoFar: state.attemptsSoFar,
    currentStage: current?.number ?? 1,
    currentDueDate: current?.dueDate ?? null,
    currentDueAt: date(current?.dueAt ?? null),
    overallDueDate: state.overallDueDate,
    overallDueAt: date(state.overallDueAt),
    overallBreachedAt: date(state.overallBreachedAt),
    overallCheckAt: date(state.overallCheckAt),
    closedAt: date(state.closedAt),
    workingDaysToClose: state.closedAt ? workingDaysToClose(state) : null,
    lastBreachAt: lastBreachAt(state),
    ...caseTimeliness(state),
    closingText: state.closingText,
    outstanding: state.outstanding,
    proposal: state.proposal,
    overallBeyondCalendar: state.overallBeyondCalendar ?? null,
    calendarId: state.calendarId ?? null,
    // what participants wrote on the record forms: text from outside, bounded like any other
    forms: state.forms ? storableJson(state.forms) : null,
  } satisfies Omit<typeof cases.$inferInsert, 'id'>;
}

export function toStageColumns(caseId: string, state: CaseState, stage: StageRecord) {
  return {
    caseId,
    policyId: state.policyId,
    caseRaisedAt: new Date(state.raisedAt),
    number: stage.number,
    startedAt: new Date(stage.startedAt),
    enteredBy: stage.enteredBy,
    startDate: stage.startDate,
    policyDueDate: stage.policyDueDate,
    dueDate: stage.dueDate,
    dueAt: date(stage.dueAt),
    extensions: stage.extensions,
    breaches: stage.breaches,
    breached: stage.breaches.length > 0,
    onTime: stageOnTime(stage),
    remindedAt: date(stage.remindedAt),
    remindAt: date(stage.remindAt),
    checkAt: date(stage.checkAt),
    completedAt: date(stage.completedAt),
    outcome: stage.outcome,
    workingDaysTaken: stage.workingDaysTaken,
    beyondCalendar: stage.beyondCalendar ?? null,
    steps: stage.steps ?? [],
    stepCheckAt: stepCheckAt(stage),
  } satisfies typeof stages.$inferInsert;
}

export function toParticipantColumns(caseId: string, participant: Participant, position: number) {
  return {
    caseId,
    position,
    email: participant.email,
    name: participant.name ?? null,
    agency: participant.agency ?? null,
    role: participant.role,
    side: participant.side ?? null,
    roleTitle: storableTextOrNull(participant.roleTitle),
    joinedAtStage: participant.joinedAtStage,
  } satisfies typeof participants.$inferInsert;
}
