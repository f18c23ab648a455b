import {
  DEFAULT_CATEGORY,
  ESCALATION_FORM_FIELDS,
  type EscalationForm,
  type EscalationFormField,
  type EscalationFormOptions,
} from './escalation-form.schema';
import { formatMailboxAddress } from './format-mailbox-address';
import { formPlaceholder } from './form-placeholder';
import { calendarName } from './parse-escalation-form';

/**
 * The escalation form as plain text to copy, fill in and send back: a few lines of
 * instructions and the policy's choices, then one line per label with its hint in
 * [brackets]. `values` fills in what is already known (the valid part of a form that had
 * problems), so a person only retypes what was wrong; whatever it holds reads back with
 * `parseEscalationForm` as the same values. `Start stage:` appears only where the policy
 * allows starting above stage 1.
 *
 * Nothing above the first label looks like a label, because the parser reads only from
 * the first label on.
 */
export function renderBlankForm(
  options: EscalationFormOptions,
  values: Partial<EscalationForm> = {},
): string {
  const lines = [
    'Fill in this form and send it back to this address. Write each answer after its',
    'label, in place of the hint in [brackets]; an answer may run on over several',
    'lines, until the next label. Leave an optional line as it is if it does not apply.',
    '',
    'The categories are',
    ...options.categories.map(
      (category) =>
        `- ${category.label}${category.key === DEFAULT_CATEGORY ? ' (the default)' : ''}`,
    ),
    '',
  ];
  if (options.startAboveStageOne) {
    lines.push(
      `The stages are numbered 1 to ${options.stageCount}; an escalation starts at stage 1`,
      'unless you give a start stage.',
      '',
    );
  }
  if ((options.calendars?.length ?? 0) > 1) {
    lines.push(
      'Working days are counted in one of these calendars; give "Calendar:" where it is not the first',
      ...(options.calendars ?? []).map(
        (calendar, i) => `- ${calendarName(calendar.id)}${i === 0 ? ' (the default)' : ''}`,
      ),
      '',
    );
  }
  for (const field of ESCALATION_FORM_FIELDS) {
    if (field.key === 'startStage' && !options.startAboveStageOne) continue;
    if (field.key === 'calendar' && (options.calendars?.length ?? 0) < 2) continue;
    const value = shownValue(field, values, options);
    lines.push(`${field.label}: ${value ?? formPlaceholder(field)}`);
  }
  return `${lines.join('\n')}\n`;
}

function shownValue(
  field: EscalationFormField,
  values: Partial<EscalationForm>,
  options: EscalationFormOptions,
): string | undefined {
  switch (field.key) {
    case 'caseName':
    case 'agency':
    case 'otherAgency':
    case 'risk':
      return oneLine(values[field.key]);
    case 'disagreement':
    case 'outcomeSought':
    case 'attemptsSoFar':
      return values[field.key]?.trim() || undefined;
    case 'category': {
      const key = values.category;
      if (key === undefined) return undefined;
      return options.categories.find((category) => category.key === key)?.label ?? key;
    }
    case 'manager':
    case 'otherPractitioner': {
      const person = values[field.key];
      return person && formatMailboxAddress(person);
    }
    case 'startStage':
      return values.startStage === undefined ? undefined : String(values.startStage);
    case 'calendar': {
      const id = values.calendar;
      if (id === undefined) return undefined;
      return calendarName(id);
    }
  }
}

function oneLine(value: string | undefined): string | undefined {
  return value?.replace(/\s+/g, ' ').trim() || undefined;
}
