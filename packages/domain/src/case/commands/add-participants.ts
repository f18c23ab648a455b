import type { CaseChange } from '../case-change';
import type { Newcomer } from '../../grammar/reply-command.schema';
import { currentStage } from '../case-state';
import type { Person } from '../../grammar/person.schema';
import { refuse } from '../refusal';
import { addParticipant } from '../stage/add-participant';

/**
 * ADD: anyone on the case (or partnership staff) brings people onto it, such as whoever
 * holds the stage the breach rule moved it to. Each newcomer is told what the case is about
 * and how to act on it (`tellNewcomers`); everyone else is told who joined.
 */
export function addParticipants(change: CaseChange, people: Newcomer[], note?: string): void {
  const stage = currentStage(change.state);
  if (people.length === 0) {
    refuse(
      'text-required',
      'ADD needs the people to add, one per line: Name <name@example.org>, each optionally followed by a line Role: their role.',
    );
  }
  const added = people.filter((person) => addParticipant(change, person, 'added', stage.number));
  if (added.length === 0) {
    refuse(
      'already-done',
      `${people.map((person) => person.email).join(', ')} ${people.length === 1 ? 'is' : 'are'} already on the case; nobody was added.`,
    );
  }
  change.confirm(stage.number, { action: 'add', text: note?.trim() || null });
}

/**
 * `Next contact:` lines on a command other than ESCALATE (which brings them into the stage
 * it opens): the people join at the stage the case is at once the command has acted.
 */
export function addNextContacts(change: CaseChange, people: readonly Person[]): void {
  const stage = currentStage(change.state).number;
  for (const person of people) addParticipant(change, person, 'next-contact', stage);
}
