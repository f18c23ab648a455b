import type { CaseCommand, RaiseCommand, ReplyCommand } from '@escalations/domain';

/** The case command a reply asks for, with whoever its `Next contact:` lines bring in. */
export function toCaseCommand(reply: ReplyCommand): Exclude<CaseCommand, RaiseCommand> {
  const command = caseCommandOf(reply);
  if (command.kind === 'add' || !reply.nextContacts?.length) return command;
  return { ...command, nextContacts: reply.nextContacts };
}
function caseCommandOf(
  command: ReplyCommand,
): Extract<CaseCommand, { kind: ReplyCommand['kind'] }> {
  switch (command.kind) {
    case 'resolve':
      return { kind: 'resolve', outcome: command.outcome, outstanding: command.outstanding };
    case 'escalate':
      return { kind: 'escalate', reason: command.reason, nextContacts: command.nextContacts };
    case 'extend':
      return 'until' in command
        ? { kind: 'extend', until: command.until, reason: command.reason }
        : { kind: 'extend', workingDays: command.workingDays, reason: command.reason };
    case 'reason':
      return { kind: 'reason', rationale: command.rationale };
    case 'note':
      return { kind: 'note', note: command.note };
    case 'withdraw':
      return { kind: 'withdraw', reason: command.reason };
    case 'decision':
      return { kind: 'decision', decision: command.decision };
    case 'learning':
      return { kind: 'learning', learning: command.learning };
    case 'recommend':
      return { kind: 'recommend', recommendation: command.recommendation };
    case 'add':
      return {
        kind: 'add',
        people: command.people,
        ...(command.note ? { note: command.note } : {}),
      };
    case 'agree':
      return command.text === undefined ? { kind: 'agree' } : { kind: 'agree', text: command.text };
    case 'form':
      return command.formId === undefined
        ? { kind: 'form', text: command.text }
        : { kind: 'form', formId: command.formId, text: command.text };
  }
}
