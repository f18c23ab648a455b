import type { EscalationFormField } from './escalation-form.schema';

/**
 * The hint the blank form puts after a label, `[required: what is in dispute]`. The parser
 * removes it wherever it is still found in a value, so a person may type beside it, under
 * it or over it, and an optional line left as it came counts as blank.
 */
export function formPlaceholder(
  field: Pick<EscalationFormField, 'required' | 'description'>,
): string {
  return `[${field.required ? 'required' : 'optional'}: ${field.description}]`;
}
