import { CaseChange } from './case-change';
import type { Actor, CaseCommand, RaiseCommand } from './case-command';
import type { CaseContext } from './case-context';
import type { CaseEvent } from './case-event';
import { currentStage, type CaseState } from './case-state';
import { addNote } from './commands/add-note';
import { agreeOutcome } from './commands/agree-outcome';
import { addNextContacts, addParticipants } from './commands/add-participants';
import { closeCase } from './commands/close-case';
import { escalateCase } from './commands/escalate-case';
import { extendStage } from './commands/extend-stage';
import { fillForm } from './commands/fill-form';
import { proposeOutcome } from './commands/propose-outcome';
import { raiseCase } from './commands/raise-case';
import { recomputeDeadlines } from './commands/recompute-deadlines';
import { recordBreach } from './commands/record-breach';
import { recordOverallBreach } from './commands/record-overall-breach';
import { scheduleOverallLimit, scheduleStage } from './stage/schedule-stage';
import { recordLearning } from './commands/record-learning';
import { recordRationale } from './commands/record-rationale';
import { sendReminder } from './commands/send-reminder';
import { sendStepReminder } from './commands/send-step-reminder';
import { recordStepBreach } from './commands/record-step-breach';
import { recordRecommendation } from './commands/record-recommendation';
import type { Notice } from './notice';
import { mayClose, requireRaisingSide } from './may-close';
import { checkParticipantLimits, DEFAULT_PARTICIPANT_LIMITS } from './participant-limits';
import { CommandRefused, refuse, type Refusal } from './refusal';
import { recordsInNotices } from '../records/records-in-notices';
import { addParticipant } from './stage/add-participant';
import { tellNewcomers } from './stage/tell-newcomers';

export type CommandResult =
  | { ok: true; state: CaseState; events: CaseEvent[]; notices: Notice[] }
  | { ok: false; refusal: Refusal };

/** Commands only the deadline scheduler gives. */
const SCHEDULER_COMMANDS = new Set<CaseCommand['kind']>([
  'remind',
  'breach',
  'overall-breach',
  'recompute',
  'step-remind',
  'step-breach',
]);

/**
 * The case state machine: (case, command, now) → the new case, its events and the notices
 * to send, or a refusal with a reason the sender can act on. Pure: the clock, the policy
 * and the calendar come in through `context`.
 */
export function applyCommand(
  state: CaseState | null,
  command: CaseCommand,
  context: CaseContext,
  actor: Actor,
): CommandResult {
  try {
    const change = run(state, command, context, actor);
    checkParticipantLimits(
      state?.participants ?? [],
      change.state.participants,
      actor,
      context.participantLimits ?? DEFAULT_PARTICIPANT_LIMITS,
    );
    // Whatever changed, the scheduler's next look at each stage and at the overall limit follows.
    for (const stage of change.state.stages) scheduleStage(stage, context.calendar);
    scheduleOverallLimit(change.state);
    recordsInNotices(change);
    return { ok: true, state: change.state, events: change.events, notices: change.notices };
  } catch (error) {
    if (error instanceof CommandRefused) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

function run(
  state: CaseState | null,
  command: CaseCommand,
  context: CaseContext,
  actor: Actor,
): CaseChange {
  if (command.kind === 'raise') {
    if (state) refuse('case-exists', `case ${state.ref} already exists`);
    if (actor.kind === 'scheduler') refuse('not-entitled', 'the scheduler does not raise cases');
    return raiseCase(command, context, actor);
  }
  if (!state) refuse('no-case', 'there is no such case');
  checkEntitled(command, actor);
  // A record form may be completed after the case closes: south-glos sends it after resolution.
  // Learning is asked for once the case has closed.
  if (state.status !== 'open' && command.kind !== 'form' && command.kind !== 'learning') {
    refuse(
      'case-closed',
      `case ${state.ref} was closed (${state.status}) on ${state.closedAt?.slice(0, 10)}; it can no longer be changed. Raise a new escalation if the disagreement continues.`,
    );
  }
  const change = new CaseChange(structuredClone(state), context, actor);
  change.state.version += 1;
  requireText(command);
  if (actor.kind === 'directory-contact' || actor.kind === 'partnership') {
    // Whoever acts on a case is told of what follows on it.
    const person = actor.name ? { email: actor.id, name: actor.name } : { email: actor.id };
    addParticipant(change, person, 'contact', currentStage(change.state).number, actor.agency);
  }
  switch (command.kind) {
    case 'escalate':
      escalateCase(change, command.reason, command.nextContacts);
      break;
    case 'resolve':
      // The raising side's RESOLVED closes its challenge; anyone else's proposes the outcome.
      if (mayClose(change)) closeCase(change, 'resolve', command.outcome, command.outstanding);
      else proposeOutcome(change, command.outcome, command.outstanding);
      break;
    case 'agree':
      agreeOutcome(change, command.text);
      break;
    case 'withdraw':
      requireRaisingSide(change, 'WITHDRAW');
      closeCase(change, 'withdraw', command.reason);
      break;
    case 'decision':
      closeCase(change, 'decision', command.decision);
      break;
    case 'extend':
      extendStage(
        change,
        'until' in command ? { until: command.until } : { workingDays: command.workingDays },
        command.reason,
      );
      break;
    case 'reason':
      recordRationale(change, command.rationale);
      break;
    case 'note':
      addNote(change, command.note);
      break;
    case 'add':
      addParticipants(change, command.people, command.note);
      break;
    case 'form':
      fillForm(change, command.formId, command.text);
      break;
    case 'learning':
      recordLearning(change, command.learning, command.agency);
      break;
    case 'recommend':
      recordRecommendation(change, command.recommendation, command.reason);
      break;
    case 'remind':
      sendReminder(change, command.stage);
      break;
    case 'step-remind':
      sendStepReminder(change, command.stage, command.step);
      break;
    case 'step-breach':
      recordStepBreach(change, command.stage, command.step);
      break;
    case 'breach':
      recordBreach(change, command.stage);
      break;
    case 'overall-breach':
      recordOverallBreach(change);
      break;
    case 'recompute':
      recomputeDeadlines(change, command.reason);
      break;
    default: {
      const unreachable: never = command;
      throw new Error(`unknown command ${JSON.stringify(unreachable)}`);
    }
  }
  // ESCALATE brings its next contacts into the stage it opens; any other command, where it acted.
  if (command.kind !== 'escalate' && 'nextContacts' in command)
    addNextContacts(change, command.nextContacts ?? []);
  tellNewcomers(change, state.participants);
  return change;
}

/** CONTRACT.md: only participants, directory contacts and partnership staff may act. */
function checkEntitled(command: CaseCommand, actor: Actor): void {
  const byScheduler = SCHEDULER_COMMANDS.has(command.kind);
  if (byScheduler !== (actor.kind === 'scheduler')) {
    refuse(
      'not-entitled',
      byScheduler
        ? `only the deadline scheduler sends ${command.kind} notices`
        : 'the scheduler cannot act on a case',
    );
  }
  if (actor.kind === 'stranger') {
    refuse(
      'not-entitled',
      "Only the people on this case, the agencies' contacts for it and partnership staff can act on it. " +
        'If you should be on the case, ask one of them to add you: a reply ADD, with your name and address (Name <email>) on the line after it.',
    );
  }
}

/** Every action but the scheduler's carries words that go on the record; none may be blank. */
function requireText(command: Exclude<CaseCommand, RaiseCommand>): void {
  const [text, message] = requiredText(command) ?? ['-', ''];
  if (text.trim() === '') refuse('text-required', message);
}

function requiredText(command: Exclude<CaseCommand, RaiseCommand>): [string, string] | null {
  switch (command.kind) {
    case 'escalate':
      return [command.reason, 'ESCALATE needs the reason for escalating, on the lines after it.'];
    case 'resolve':
      return [command.outcome, 'RESOLVED needs the agreed outcome, on the lines after it.'];
    case 'extend':
      return [
        command.reason,
        'EXTEND needs the reason the new date was agreed, on the lines after it.',
      ];
    case 'reason':
      return [
        command.rationale,
        'REASON needs the rationale for the missed deadline, on the lines after it.',
      ];
    case 'note':
      return [command.note, 'NOTE needs the note, on the lines after it.'];
    case 'withdraw':
      return [command.reason, 'WITHDRAW needs the reason, on the lines after it.'];
    case 'decision':
      return [command.decision, 'DECISION needs the decision, on the lines after it.'];
    case 'learning':
      return [command.learning, 'LEARNING needs the learning, on the lines after it.'];
    case 'recommend':
      return [command.recommendation, 'RECOMMEND needs the recommendation, on the lines after it.'];
    // ADD's people are its text: `addParticipants` asks for them
    case 'add':
    case 'form':
    case 'agree':
    case 'remind':
    case 'breach':
    case 'overall-breach':
    case 'recompute':
    case 'step-remind':
    case 'step-breach':
      return null;
  }
}
