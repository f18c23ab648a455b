import {
  DEFAULT_CATEGORY,
  ESCALATION_FORM_FIELDS,
  RISK_LEVELS,
  type EscalationForm,
  type EscalationFormField,
  type EscalationFormFieldKey,
  type EscalationFormOptions,
  type FormProblem,
  type ParsedEscalationForm,
  type RiskLevel,
} from './escalation-form.schema';
import { findNearMiss } from './find-near-miss';
import { formPlaceholder } from './form-placeholder';
import { joinFreeText } from './join-free-text';
import { parseMailboxAddress } from './parse-mailbox-address';
import type { Person } from './person.schema';
import { splitBodyLines } from './split-body-lines';
import { splitLabelLine } from './split-label-line';

type Field = EscalationFormField;

const FIELD_BY_LABEL = new Map<string, Field>(
  ESCALATION_FORM_FIELDS.flatMap((field) =>
    [field.label, ...field.aliases].map((label) => [label.toLowerCase(), field] as const),
  ),
);

const PLACEHOLDERS = new Map<EscalationFormFieldKey, RegExp>(
  ESCALATION_FORM_FIELDS.map((field) => [field.key, flexiblePattern(formPlaceholder(field))]),
);

/**
 * The escalation form in the body of an email (CONTRACT.md, "A new escalation, by email"):
 * `Label: value` lines in any order, a value running on until the next known label. Every
 * problem is reported at once, each saying what to write; `partial` keeps the fields that
 * were given and valid so the form sent back can carry them.
 */
export function parseEscalationForm(
  text: string,
  options: EscalationFormOptions,
): ParsedEscalationForm {
  const { given, unknownLabels } = readLabelledValues(splitBodyLines(text));
  const problems: FormProblem[] = [];
  const partial: Partial<EscalationForm> = {};

  if (given.size === 0) {
    problems.push({
      field: null,
      message:
        'No form found in your message: write each detail on its own line as "Label: value", as in the form below',
    });
  }

  for (const field of ESCALATION_FORM_FIELDS) {
    const occurrences = given.get(field.key);
    const problem = (message: string) => problems.push({ field: field.key, message });
    if (!occurrences) {
      if (field.required) problem(missingMessage(field, unknownLabels));
      continue;
    }
    const values = [...new Set(occurrences.map((lines) => valueOf(field, lines)))].filter(
      (v) => v !== '',
    );
    const [value] = values;
    if (value === undefined) {
      if (field.required) problem(`"${field.label}:" is empty — write ${field.description}`);
      continue;
    }
    if (values.length > 1) {
      problem(
        `"${field.label}:" is given more than once with different values (${values.map(quote).join(', ')}) — give it once`,
      );
      continue;
    }
    const read = readValue(field, value, options);
    if ('problem' in read) problem(read.problem);
    else Object.assign(partial, { [field.key]: read.value });
  }

  if (problems.length > 0) return { ok: false, problems, partial };
  const { caseName, agency, otherAgency, disagreement } = partial;
  if (
    caseName === undefined ||
    agency === undefined ||
    otherAgency === undefined ||
    disagreement === undefined
  ) {
    // Unreachable: a missing required field is a problem above. Kept so the types need no cast.
    throw new Error('a required field was neither given nor reported');
  }
  return {
    ok: true,
    form: {
      ...partial,
      caseName,
      agency,
      otherAgency,
      disagreement,
      category: partial.category ?? DEFAULT_CATEGORY,
      risk: partial.risk ?? 'standard',
      startStage: partial.startStage ?? 1,
    },
  };
}

interface LabelledValues {
  /** for each field given, the lines of each time it was given */
  given: Map<EscalationFormFieldKey, string[][]>;
  /** label-like words that are not labels (`Other agencies:`), for "did you mean" hints */
  unknownLabels: string[];
}

function readLabelledValues(lines: readonly string[]): LabelledValues {
  const given = new Map<EscalationFormFieldKey, string[][]>();
  const unknownLabels: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    const labelled = splitLabelLine(line);
    const field = labelled && FIELD_BY_LABEL.get(labelled.label);
    if (labelled && field) {
      current = [labelled.value];
      given.set(field.key, [...(given.get(field.key) ?? []), current]);
    } else {
      if (labelled) unknownLabels.push(labelled.typed);
      // Lines before the first label (a greeting, the blank form's instructions) are not data.
      current?.push(line);
    }
  }
  return { given, unknownLabels };
}

function valueOf(field: Field, lines: readonly string[]): string {
  const placeholder = PLACEHOLDERS.get(field.key);
  const text = placeholder ? lines.join('\n').replace(placeholder, ' ') : lines.join('\n');
  const tidied = joinFreeText(text.split('\n'));
  if (field.shape === 'text') return tidied;
  const [firstParagraph = ''] = tidied.split('\n\n');
  return firstParagraph.replace(/\s+/g, ' ').trim();
}

type Read = { value: string | number | Person } | { problem: string };

function readValue(field: Field, value: string, options: EscalationFormOptions): Read {
  switch (field.key) {
    case 'caseName':
    case 'agency':
    case 'otherAgency':
    case 'disagreement':
    case 'outcomeSought':
    case 'attemptsSoFar':
      return { value };
    case 'category':
      return readCategory(value, options);
    case 'manager':
    case 'otherPractitioner': {
      const person = parseMailboxAddress(value);
      return person
        ? { value: person }
        : { problem: `${field.label}: expected Name <name@example.org>, not ${quote(value)}` };
    }
    case 'risk':
      return readRisk(value);
    case 'startStage':
      return readStartStage(value, options);
    case 'calendar':
      return readCalendarChoice(value, options);
  }
}

/**
 * `Calendar: Alderney` (or `Island: Alderney`): the calendar's id, its title, or the first
 * word of its title, case and punctuation ignored.
 */
function readCalendarChoice(value: string, options: EscalationFormOptions): Read {
  const calendars = options.calendars ?? [];
  const typed = squash(value.replace(/\b(calendar|island)\b/gi, ''));
  const found = calendars.find(
    (calendar) => squash(calendar.id) === typed || squash(calendar.title) === typed,
  );
  if (found) return { value: found.id };
  const names = calendars.map((calendar) => calendarName(calendar.id)).join(' or ');
  return {
    problem:
      calendars.length > 1
        ? `Calendar: expected ${names}, not ${quote(value)}`
        : `Calendar: this policy counts working days in one calendar only${names ? ` (${names})` : ''} — leave out "Calendar:"`,
  };
}

function readCategory(value: string, options: EscalationFormOptions): Read {
  const typed = squash(value);
  const { categories } = options;
  // Labels such as "Referral decision (dispute at the point of a referral)" are long to type,
  // so the start of one is enough where it can only be that one.
  const byPrefix = categories.filter(
    (category) => typed.length >= 5 && squash(category.label).startsWith(typed),
  );
  // The document's own words count as much as our label: people copy them from it.
  const byWording = (category: (typeof categories)[number]) =>
    [category.source ?? '', ...(category.wordings ?? [])].some((words) => squash(words) === typed);
  const found =
    categories.find((category) => squash(category.key) === typed) ??
    categories.find((category) => squash(category.label) === typed) ??
    categories.find(byWording) ??
    (byPrefix.length === 1 ? byPrefix[0] : undefined);
  if (found) return { value: found.key };
  const nearMiss =
    findNearMiss(
      value,
      categories.map((category) => category.label),
    ) ?? nearMissByKey(value, options);
  const choices = categories.map((category) => {
    const shown =
      squash(category.label) === squash(category.key)
        ? category.label
        : `${category.label} (or ${category.key})`;
    return category.key === DEFAULT_CATEGORY ? `${shown}, the default` : shown;
  });
  return {
    problem:
      `Category: ${quote(value)} is not one of this policy's categories` +
      (nearMiss ? ` (did you mean "${nearMiss}"?)` : '') +
      `; write one of: ${choices.join('; ')}`,
  };
}

function nearMissByKey(value: string, options: EscalationFormOptions): string | undefined {
  const key = findNearMiss(
    value,
    options.categories.map((category) => category.key),
  );
  return options.categories.find((category) => category.key === key)?.label;
}

function readRisk(value: string): Read {
  // "Immediate risk" and "Standard." mean what they say.
  const typed = squash(value.replace(/\brisk\b/i, ''));
  const risk = RISK_LEVELS.find((level: RiskLevel) => level === typed);
  return risk
    ? { value: risk }
    : { problem: `Risk: expected standard or immediate, not ${quote(value)}` };
}

function readStartStage(value: string, options: EscalationFormOptions): Read {
  const match = /^(?:stage\s*)?(\d{1,6})\.?$/i.exec(value);
  if (!match) {
    return {
      problem: `Start stage: expected a stage number${range(options) && ` from${range(options)}`}, not ${quote(value)}`,
    };
  }
  const stage = Number(match[1]);
  if (stage !== 1 && !options.startAboveStageOne) {
    return {
      problem: `Start stage: this policy starts every escalation at stage 1 — leave out "Start stage:"`,
    };
  }
  if (stage < 1 || stage > options.stageCount) {
    return {
      problem: `Start stage: this policy's stages are${range(options) || ' only 1'}, so there is no stage ${stage}`,
    };
  }
  return { value: stage };
}

function range(options: EscalationFormOptions): string {
  return options.stageCount > 1 ? ` 1 to ${options.stageCount}` : '';
}

function missingMessage(field: Field, unknownLabels: readonly string[]): string {
  const message = `Missing "${field.label}:" — ${field.description}`;
  const labels = [field.label, ...field.aliases];
  const meant = unknownLabels.find((typed) => findNearMiss(typed, labels) !== undefined);
  return meant === undefined
    ? message
    : `${message} (is "${meant}:" meant to be "${field.label}:"?)`;
}

/** Lower-case letters and digits only: "Information sharing" = "INFORMATION-SHARING". */
/** `alderney` → Alderney, `northern-ireland` → Northern Ireland: how the form names a calendar */
export function calendarName(id: string): string {
  return id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function quote(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ');
  return `"${oneLine.length > 60 ? `${oneLine.slice(0, 59).trimEnd()}…` : oneLine}"`;
}

/** The text as a pattern that matches it however it was re-spaced or wrapped, any case. */
function flexiblePattern(text: string): RegExp {
  const words = text.split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(words.join('\\s+'), 'gi');
}
