import type { PolicyFile, RecordForm } from '../../policy/policy.schema';
import { fillRecordForm } from '../../records/fill-record-form';
import { readFormValues } from '../../records/read-form-values';
import type { CaseChange } from '../case-change';
import { currentStage, type CaseState } from '../case-state';
import { refuse } from '../refusal';

/**
 * FORM: a participant adds to or corrects one of the policy's record forms with
 * `Label: value` lines. All or nothing: a label the form does not have or a value outside
 * its choices changes nothing, and the answer names it. The sender is answered with the
 * form so far and what is still missing.
 */
export function fillForm(change: CaseChange, formId: string | undefined, text: string): void {
  const { policy, calendar } = change.context;
  const form = chooseForm(policy, change.state, formId);
  const read = readFormValues(form, text);
  if (!read.ok)
    refuse(
      'bad-form',
      [
        `Nothing was changed on the ${form.title}:`,
        ...read.problems.map((p) => `- ${p}`),
        '',
        formHelp(form),
      ].join('\n'),
    );
  const stage = currentStage(change.state).number;
  const forms = (change.state.forms ??= {});
  const sent = (forms[form.id] ??= {});
  for (const { key, value } of read.values) {
    if (value === '') delete sent[key];
    else sent[key] = { value, by: change.actor.id, at: change.now };
  }
  change.event('form-filled', stage, {
    formId: form.id,
    fields: Object.fromEntries(read.values.map(({ label, value }) => [label, value])),
  });
  // answered by mail; an administrator through the API reads the form from its route instead
  if (!change.actor.id.includes('@')) return;
  const filled = fillRecordForm(policy, form, change.state, calendar);
  change.notice('record-form', stage, [`address:${change.actor.id}`], {
    formId: form.id,
    changed: read.values.map(({ label }) => label),
    missing: filled.missing,
  });
}

/** The form named, else the one the current stage asks for, else the policy's only one. */
function chooseForm(policy: PolicyFile, state: CaseState, formId: string | undefined): RecordForm {
  const forms = policy.recordForms;
  if (forms.length === 0)
    refuse(
      'no-form',
      `${policy.title} has no record form to fill in; write NOTE for anything to keep on the record.`,
    );
  const ids = forms.map((form) => form.id).join(', ');
  if (formId !== undefined) {
    const named = forms.find((form) => form.id === formId.toLowerCase());
    if (!named)
      refuse(
        'no-form',
        `There is no record form "${formId}" in ${policy.title}; its forms are: ${ids}.`,
      );
    return named;
  }
  const asked = policy.stages[currentStage(state).number - 1]?.records ?? [];
  const byStage = asked.length === 1 ? forms.find((form) => form.id === asked[0]) : undefined;
  if (byStage) return byStage;
  const [only] = forms;
  if (forms.length === 1 && only) return only;
  return refuse(
    'no-form',
    `Say which form after FORM (FORM <form-id>); the forms of ${policy.title} are: ${ids}.`,
  );
}

/** How to write the form: the command, then one line per label. */
export function formHelp(form: RecordForm): string {
  return [
    `Reply with FORM ${form.id} on the first line, then one "Label: value" line per field (a value may run on over several lines), using these labels:`,
    ...form.fields.map(
      (field) =>
        `${field.label}:` +
        (field.required ? ' (required)' : '') +
        (field.choices ? ` one of ${field.choices.map((c) => `"${c}"`).join(', ')}` : ''),
    ),
  ].join('\n');
}
