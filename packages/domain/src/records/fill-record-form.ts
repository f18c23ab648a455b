import type { WorkingDayCalendar } from '../calendar/working-day-calendar';
import type { CaseState } from '../case/case-state';
import type { PolicyFile, RecordForm } from '../policy/policy.schema';
import { CASE_FACTS } from './case-facts';
import type { FilledField, FilledForm } from './filled-form';

/**
 * A record form filled from what the case knows and what participants sent with `FORM`:
 * a value sent wins over the case's own, since people correct what the service inferred.
 */
export function fillRecordForm(
  policy: PolicyFile,
  form: RecordForm,
  state: CaseState,
  calendar: WorkingDayCalendar,
): FilledForm {
  const sent = state.forms?.[form.id] ?? {};
  const context = { state, policy, calendar };
  const fields: FilledField[] = form.fields.map((field) => {
    const given = sent[field.key];
    const known = given ? null : (CASE_FACTS[field.key]?.(context, field) ?? null);
    const value = given?.value ?? (known !== null && known.trim() !== '' ? known : null);
    return {
      key: field.key,
      label: field.label,
      required: field.required,
      choices: field.choices ?? null,
      value,
      from: given ? 'sent' : value !== null ? 'case' : null,
    };
  });
  return {
    id: form.id,
    title: form.title,
    ref: state.ref,
    policyId: policy.id,
    partnership: policy.partnership,
    fields,
    missing: fields.filter((f) => f.required && f.value === null).map((f) => f.label),
  };
}
