import { withinCalendar } from '../../deadline/beyond-calendar';
import { overallDeadline } from '../../deadline/overall-deadline';
import { allowedCalendars } from '../../library/build-policy-library';
import type { PolicyFile } from '../../policy/policy.schema';
import { CaseChange } from '../case-change';
import type { Actor, RaiseCommand } from '../case-command';
import type { CaseContext } from '../case-context';
import type { CaseState } from '../case-state';
import { refuse } from '../refusal';
import { addParticipant } from '../stage/add-participant';
import { enterStage } from '../stage/enter-stage';
import { addressKey } from '../../grammar/address-key';

/** Open a case at its first stage (or a higher one where the policy allows). */
export function raiseCase(command: RaiseCommand, context: CaseContext, actor: Actor): CaseChange {
  const { policy, calendar } = context;
  checkStartStage(policy, command.startStage);
  const allowed = allowedCalendars(policy);
  if (command.calendarId !== undefined && !allowed.includes(command.calendarId)) {
    refuse(
      'unknown-calendar',
      `"${command.calendarId}" is not a calendar of ${policy.id}: ${allowed.join(', ')}`,
    );
  }
  if (!policy.categories.some((category) => category.key === command.category)) {
    refuse(
      'unknown-category',
      `"${command.category}" is not a category of ${policy.id}: ${policy.categories.map((c) => c.key).join(', ')}`,
    );
  }
  const raisedAt = command.raisedAt.toISOString();
  // Past the calendar's end the limit waits for the year's holidays (as the stages do).
  const overallResult = withinCalendar(() => overallDeadline(policy, calendar, command.raisedAt));
  const overall = 'value' in overallResult ? overallResult.value : null;
  const state: CaseState = {
    ref: command.ref,
    policyId: policy.id,
    status: 'open',
    version: 1,
    raisedAt,
    caseName: command.caseName,
    agency: command.agency,
    otherAgency: command.otherAgency,
    disagreement: command.disagreement,
    category: command.category,
    risk: command.risk,
    outcomeSought: command.outcomeSought ?? null,
    attemptsSoFar: command.attemptsSoFar ?? null,
    participants: [],
    stages: [],
    overallDueDate: overall?.dueDate ?? null,
    overallDueAt: overall?.dueAt.toISOString() ?? null,
    overallBreachedAt: null,
    ...('beyond' in overallResult ? { overallBeyondCalendar: overallResult.beyond } : {}),
    overallCheckAt: null,
    closedAt: null,
    closingText: null,
    outstanding: [],
    proposal: null,
    ...(command.calendarId && command.calendarId !== policy.calendar
      ? { calendarId: command.calendarId }
      : {}),
  };
  const change = new CaseChange(state, context, actor);
  const stage = command.startStage;
  // The child's or adult's identifier stays on the case, out of the event data.
  change.event(
    'case-raised',
    stage,
    {
      policy: policy.id,
      agency: command.agency,
      otherAgency: command.otherAgency,
      category: command.category,
      risk: command.risk,
      startStage: stage,
      raisedBy: addressKey(command.raisedBy.email),
      recordedAt: context.now.toISOString(),
      imported: command.imported ?? false,
    },
    raisedAt,
  );
  addParticipant(change, command.raisedBy, 'raiser', stage, command.agency);
  if (command.manager) addParticipant(change, command.manager, 'manager', stage, command.agency);
  if (command.otherPractitioner) {
    addParticipant(
      change,
      command.otherPractitioner,
      'other-practitioner',
      stage,
      command.otherAgency,
    );
  }
  for (const person of command.copied ?? []) addParticipant(change, person, 'copied', stage);
  enterStage(change, stage, raisedAt, 'raise');
  change.notice('acknowledgement', stage, ['case.participants'], {
    urgentGuidance: command.risk === 'immediate' ? policy.urgentGuidance.text : null,
  });
  return change;
}

function checkStartStage(policy: PolicyFile, startStage: number): void {
  const last = policy.stages.length;
  if (!Number.isInteger(startStage) || startStage < 1 || startStage > last) {
    refuse(
      'bad-start-stage',
      `${policy.id} has stages 1 to ${last}; there is no stage ${startStage}`,
    );
  }
  if (startStage > 1 && !policy.startAboveStageOne.allowed) {
    refuse(
      'bad-start-stage',
      `${policy.id} starts every disagreement at stage 1; it does not allow starting at stage ${startStage}`,
    );
  }
}
