import { isIsoDate } from '../time/local-date';
import { findNearMiss } from './find-near-miss';
import { joinFreeText } from './join-free-text';
import { readNextContacts, sameAddress, type NextContactLines } from './read-next-contacts';
import { readPeopleToAdd } from './read-people-to-add';
import {
  MAX_EXTENSION_WORKING_DAYS,
  REPLY_COMMANDS,
  type ParsedReplyCommand,
  type ReplyCommand,
} from './reply-command.schema';
import { splitBodyLines } from './split-body-lines';
import { readWrittenDate } from './read-written-date';
import { splitLabelLine } from './split-label-line';

type Command = (typeof REPLY_COMMANDS)[number];

const COMMAND_LIST = REPLY_COMMANDS.map((command) => command.usage).join(', ');
const WORDS = REPLY_COMMANDS.map((command) => command.word);

/** The command word, with any bold or italic marks around it (`*RESOLVED*:`). */
const COMMAND_LINE = /^[\s*_]*(\p{L}+)[*_]*(.*)$/u;
const OUTSTANDING_LABELS = new Set(['outstanding', 'outstanding action', 'outstanding actions']);

/**
 * A reply that acts on a case (CONTRACT.md, "Replies that act on a case"): the first
 * non-blank line names the command, case-insensitive with an optional colon, and may carry
 * the start of its text (`RESOLVED: agreed a strategy meeting`, `EXTEND 3 awaiting the GP
 * report`); the lines after it are the rest of the text. A greeting may come first
 * (`Hi all,` / `Dear Sam,`): the first of the first three non-blank lines that is a command
 * counts, and what is above it is left out. Every problem is reported at once, each saying
 * what to write. Never throws.
 */
export function parseReplyCommand(text: string): ParsedReplyCommand {
  const lines = splitBodyLines(text);
  const start = lines.findIndex((line) => line.trim() !== '');
  const firstLine = lines[start];
  if (start === -1 || firstLine === undefined) {
    return failed([
      `The message is empty — its first line must be one of ${COMMAND_LIST}, with its text after it`,
    ]);
  }

  const found = findCommandLine(lines, start);
  if (!found) {
    const match = COMMAND_LINE.exec(firstLine);
    const typed = match?.[1] ?? firstLine.trim().split(/\s+/)[0] ?? '';
    const nearMiss = findNearMiss(typed, WORDS);
    const later = commandBelowGreeting(lines.slice(start + 1));
    return failed([
      `Unknown command ${quote(typed)} — the first line must be one of ${COMMAND_LIST}` +
        (nearMiss ? `. Did you mean ${nearMiss}?` : '') +
        (later && !nearMiss ? `. Put ${later} first, above ${quote(firstLine.trim())}` : ''),
    ]);
  }

  const rest = found.rest
    .replace(/^\s*(?::|[-–—.](?=\s|$))/, '')
    .replace(/^[*_]+(?=\s|$)/, '')
    .trim();
  const nextContacts = readNextContacts(lines.slice(found.index + 1));
  return withNextContacts(readCommand(found.command, rest, nextContacts.lines), nextContacts);
}

/** Any command may bring people in with `Next contact:` lines; ADD takes them as its own. */
function withNextContacts(parsed: ParsedReplyCommand, found: NextContactLines): ParsedReplyCommand {
  const problems = [...found.problems, ...(parsed.ok ? [] : parsed.problems)];
  if (!parsed.ok || problems.length > 0) return failed(problems);
  if (found.people.length === 0) return parsed;
  const { command } = parsed;
  if (command.kind === 'add') {
    const people = [...command.people];
    for (const person of found.people)
      if (!people.some((known) => sameAddress(known, person))) people.push(person);
    return { ok: true, command: { ...command, people } };
  }
  const nextContacts = [...(command.nextContacts ?? [])];
  for (const person of found.people)
    if (!nextContacts.some((known) => sameAddress(known, person))) nextContacts.push(person);
  return { ok: true, command: { ...command, nextContacts } };
}

/**
 * The command line: the first non-blank line when it starts with a command word, else the
 * second or third non-blank line when it is plainly a command (below a greeting, a word
 * such as "Note that..." is the start of a sentence, not a command).
 */
function findCommandLine(
  lines: readonly string[],
  start: number,
): { command: Command; rest: string; index: number } | undefined {
  let seen = 0;
  for (let index = start; index < lines.length && seen < 3; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '') continue;
    seen += 1;
    const match = COMMAND_LINE.exec(line);
    const command = match && REPLY_COMMANDS.find((c) => c.word === match[1]?.toUpperCase());
    if (!match || !command) continue;
    const rest = match[2] ?? '';
    if (index === start || plainlyCommand(command, match[1] ?? '', rest)) {
      return { command, rest, index };
    }
  }
  return undefined;
}

/** A command word written in capitals, or alone, or followed by a colon or a dash. */
function plainlyCommand(command: Command, typed: string, rest: string): boolean {
  if (typed === typed.toUpperCase()) return true;
  const after = rest.trim();
  return command.kind === 'extend'
    ? /^(?::\s*)?(?:to\b|until\b|by\b|\d)/i.test(after)
    : /^(?:$|:|[-–—](?=\s|$))/.test(after);
}

/**
 * A command a little further down, below the first three non-blank lines: worth pointing
 * out, though it does not count.
 */
function commandBelowGreeting(lines: readonly string[]): string | undefined {
  for (const line of lines.filter((l) => l.trim() !== '').slice(0, 5)) {
    const match = COMMAND_LINE.exec(line);
    const word = match?.[1]?.toUpperCase();
    const rest = (match?.[2] ?? '').trim();
    const command = REPLY_COMMANDS.find((c) => c.word === word);
    if (!command) continue;
    if (
      command.kind === 'extend'
        ? /^(?::\s*)?(?:to\b|until\b|\d)/i.test(rest)
        : /^(?::|$)/.test(rest)
    ) {
      return command.word;
    }
  }
  return undefined;
}

function readCommand(command: Command, rest: string, after: readonly string[]): ParsedReplyCommand {
  const problems: string[] = [];
  const textOf = (firstLine: string, lines: readonly string[] = after) => {
    const text = joinFreeText([firstLine, ...lines]);
    if (text === '') problems.push(`${command.word} needs ${command.needs} on the lines after it`);
    return text;
  };
  const result = (value: ReplyCommand): ParsedReplyCommand =>
    problems.length > 0 ? failed(problems) : { ok: true, command: value };

  switch (command.kind) {
    case 'resolve': {
      const outstanding: string[] = [];
      const outcomeLines = [rest, ...after].filter((line) => {
        const labelled = splitLabelLine(line);
        if (!labelled || !OUTSTANDING_LABELS.has(labelled.label)) return true;
        if (labelled.value !== '') outstanding.push(labelled.value);
        return false;
      });
      const [first = '', ...others] = outcomeLines;
      return result({ kind: 'resolve', outcome: textOf(first, others), outstanding });
    }
    case 'escalate':
      // its `Next contact:` lines were taken out above (`withNextContacts`)
      return result({ kind: 'escalate', reason: textOf(rest), nextContacts: [] });
    case 'add': {
      const { people, note, problems: found } = readPeopleToAdd([rest, ...after]);
      problems.push(...found);
      return result({ kind: 'add', people, ...(note ? { note } : {}) });
    }
    case 'extend': {
      const extension = readExtension(rest);
      if ('problem' in extension) problems.push(extension.problem);
      const reason = textOf(extension.rest);
      if ('until' in extension) return result({ kind: 'extend', until: extension.until, reason });
      if ('workingDays' in extension) {
        return result({ kind: 'extend', workingDays: extension.workingDays, reason });
      }
      return failed(problems);
    }
    case 'reason':
      return result({ kind: 'reason', rationale: textOf(rest) });
    case 'note':
      return result({ kind: 'note', note: textOf(rest) });
    case 'withdraw':
      return result({ kind: 'withdraw', reason: textOf(rest) });
    case 'decision':
      return result({ kind: 'decision', decision: textOf(rest) });
    case 'learning':
      return result({ kind: 'learning', learning: textOf(rest) });
    case 'recommend':
      return result({ kind: 'recommend', recommendation: textOf(rest) });
    case 'form': {
      // `FORM monitoring-form`: the form's id, when there is one, is the first word on its line.
      const named = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)+)(?=\s|$)\s*(.*)$/i.exec(rest);
      const lines = [named ? (named[2] ?? '') : rest, ...after];
      return result({
        kind: 'form',
        ...(named?.[1] ? { formId: named[1].toLowerCase() } : {}),
        text: lines.join('\n').trim(),
      });
    }
    case 'agree': {
      // AGREE needs no words: the outcome agreed to is the one proposed.
      const said = joinFreeText([rest, ...after]);
      return result(said === '' ? { kind: 'agree' } : { kind: 'agree', text: said });
    }
  }
}

type Extension = ({ until: string } | { workingDays: number } | { problem: string }) & {
  rest: string;
};

const EXTEND_TO = /^(?:to|until)\b[\s:]*(\S*)\s*(.*)$/i;
const EXTEND_TO_DATE = /^(\d{4}-\d{2}-\d{2})(?![\d-])[\s:.,;]*(.*)$/;
const EXTEND_BY =
  /^(?:by\s+)?([+-]?\d+(?:[.,]\d+)?)(?:\s*(?:working\s+days?|days?|wd))?\b[\s:.,;]*(?:[-–—]\s+)?(.*)$/i;
const USAGE = `EXTEND <n> (working days, 1 to ${MAX_EXTENSION_WORKING_DAYS}) or EXTEND TO <yyyy-mm-dd>`;

const UNTIL = /^(?:to|until)\b[\s:]*/i;

/** What follows EXTEND on its line: how long or until when, then the start of the reason. */
function readExtension(line: string): Extension {
  const until = UNTIL.exec(line);
  const written = readWrittenDate(until ? line.slice(until[0].length) : line);
  if (written && (until || 'date' in written || /^\s*\d{1,4}[/.-]\d/.test(line))) {
    return 'date' in written
      ? { until: written.date, rest: written.rest }
      : { problem: written.problem, rest: written.rest };
  }
  const to = EXTEND_TO.exec(line) ?? EXTEND_TO_DATE.exec(line);
  if (to) {
    const date = (to[1] ?? '').replace(/[.,;:]+$/, '');
    const rest = to[2] ?? '';
    if (date === '')
      return {
        problem: `EXTEND TO needs the date on its line, such as 14 December 2026 or 2026-12-14`,
        rest,
      };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      const meant = suggestDate(date);
      return {
        problem:
          `EXTEND TO needs a date such as 14 December 2026, 14/12/2026 or 2026-12-14, not ${quote(date)}` +
          (meant ? ` (for ${meant}, write EXTEND TO ${meant})` : ''),
        rest,
      };
    }
    if (!isIsoDate(date)) return { problem: `EXTEND TO ${date}: there is no such date`, rest };
    return { until: date, rest };
  }
  const by = EXTEND_BY.exec(line);
  if (by) {
    const typed = by[1] ?? '';
    const rest = by[2] ?? '';
    const days = Number(typed);
    if (!/^[+-]?\d+$/.test(typed) || days < 1 || days > MAX_EXTENSION_WORKING_DAYS) {
      return {
        problem: `EXTEND takes a whole number of working days from 1 to ${MAX_EXTENSION_WORKING_DAYS}, not ${typed}; for a later date, write EXTEND TO <yyyy-mm-dd>`,
        rest,
      };
    }
    return { workingDays: days, rest };
  }
  const typed = line.split(/\s+/).slice(0, 4).join(' ');
  return {
    problem: `EXTEND needs how long on its line: ${USAGE}` + (typed ? `, not ${quote(typed)}` : ''),
    rest: line,
  };
}

/** The yyyy-mm-dd a UK date (`2/3/2026`) or an unpadded one (`2026-3-2`) stands for. */
function suggestDate(typed: string): string | undefined {
  const uk = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(typed);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  const [year, month, day] = uk ? [uk[3], uk[2], uk[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(date) ? date : undefined;
}

function failed(problems: string[]): ParsedReplyCommand {
  return { ok: false, problems };
}

function quote(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ');
  return `"${oneLine.length > 40 ? `${oneLine.slice(0, 39).trimEnd()}…` : oneLine}"`;
}
