import { parseMailboxAddress } from './parse-mailbox-address';
import type { Person } from './person.schema';
import { splitLabelLine } from './split-label-line';
import { addressKey } from './address-key';

const NEXT_CONTACT_LABELS = new Set(['next contact', 'next contacts']);

export interface NextContactLines {
  /** the lines that are not `Next contact:` lines, for the command's own text */
  lines: string[];
  people: Person[];
  problems: string[];
}

/**
 * `Next contact: Name <email>` lines, which any reply may carry to bring people onto the
 * case (whoever now holds a stage, say). They are taken out of the command's text; an
 * address that cannot be read is a problem naming what to write.
 */
export function readNextContacts(lines: readonly string[]): NextContactLines {
  const people: Person[] = [];
  const problems: string[] = [];
  const rest = lines.filter((line) => {
    const labelled = splitLabelLine(line);
    if (!labelled || !NEXT_CONTACT_LABELS.has(labelled.label)) return true;
    if (labelled.value === '') return false;
    const person = parseMailboxAddress(labelled.value);
    if (!person) {
      problems.push(
        `Next contact: expected Name <name@example.org>, one per line, not ${quote(labelled.value)}`,
      );
    } else if (!people.some((known) => sameAddress(known, person))) {
      people.push(person);
    }
    return false;
  });
  return { lines: rest, people, problems };
}

export function sameAddress(a: Person, b: Person): boolean {
  return addressKey(a.email) === addressKey(b.email);
}

export function quote(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ');
  return `"${oneLine.length > 40 ? `${oneLine.slice(0, 39).trimEnd()}…` : oneLine}"`;
}
