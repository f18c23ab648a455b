import { joinFreeText } from './join-free-text';
import { parseMailboxAddress } from './parse-mailbox-address';
import { quote, sameAddress } from './read-next-contacts';
import type { Newcomer } from './reply-command.schema';
import { splitLabelLine } from './split-label-line';

/** a job title, not a paragraph: it is shown beside their name to everyone on the case */
const MAX_ROLE_TITLE = 200;
const ROLE_LABELS = new Set(['role', 'job title']);
const ADD_USAGE =
  'one person per line, Name <name@example.org>, each optionally followed by a line Role: their role';

export interface PeopleToAdd {
  people: Newcomer[];
  /** the other lines: why they are being added, kept on the record */
  note: string;
  problems: string[];
}

/**
 * ADD's lines: `Name <email>` (or a bare address), each optionally followed by `Role: ...`.
 * A line with an `@` that is not one person is a problem, never quietly part of the note;
 * other words are the note of why they are joining.
 */
export function readPeopleToAdd(lines: readonly string[]): PeopleToAdd {
  const people: Newcomer[] = [];
  const problems: string[] = [];
  const noteLines: string[] = [];
  let last: Newcomer | undefined;
  for (const line of lines) {
    const labelled = splitLabelLine(line);
    if (labelled && ROLE_LABELS.has(labelled.label)) {
      if (!last)
        problems.push(`ADD: "${labelled.typed}:" goes on the line after the person it describes`);
      else if (labelled.value.length > MAX_ROLE_TITLE)
        problems.push(
          `ADD: a role is a title such as Team Manager, at most ${MAX_ROLE_TITLE} characters`,
        );
      else if (labelled.value !== '') last.roleTitle = labelled.value;
      continue;
    }
    if (line.trim() === '') {
      noteLines.push(line);
      continue;
    }
    if (!line.includes('@')) {
      noteLines.push(line);
      last = undefined;
      continue;
    }
    const person = parseMailboxAddress(line);
    if (!person) {
      problems.push(`ADD takes ${ADD_USAGE}; not ${quote(line.trim())}`);
      continue;
    }
    last = people.find((known) => sameAddress(known, person));
    if (!last) {
      last = { ...person };
      people.push(last);
    }
  }
  if (people.length === 0 && problems.length === 0) {
    problems.push(`ADD needs the people to add on the lines after it: ${ADD_USAGE}`);
  }
  return { people, note: joinFreeText(noteLines), problems };
}
