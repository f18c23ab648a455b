import { splitBodyLines } from '../grammar/split-body-lines';
import { splitLabelLine } from '../grammar/split-label-line';
import type { RecordForm } from '../policy/policy.schema';
import type { RecordField } from './filled-form';

export interface FormValue {
  key: string;
  label: string;
  /** empty: clear what was sent before, so the case's own value shows again */
  value: string;
}

export type ReadFormValues = { ok: true; values: FormValue[] } | { ok: false; problems: string[] };

/** Lower case, one space for any run of spaces, no bullet or bold marks before it. */
function normalise(text: string): string {
  return text
    .replace(/^[\s*_]*/, '')
    .replace(/^[-•·–]\s+/, '')
    .replace(/^[\s*_]*/, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** A field answers to its label as printed, its label without a closing parenthesis, or its key. */
function namesOf(field: RecordField): string[] {
  const label = normalise(field.label);
  const short = label.replace(/\s*\([^()]*\)\s*[?]?$/, '').trim();
  return [...new Set([label, short, field.key.toLowerCase()])].filter((name) => name !== '');
}

const squash = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * `Label: value` lines for a record form, as the escalation form is written: labels are the
 * form's own, a value runs on until the next label. A label the form does not have, or a
 * value outside a field's choices, is a problem, and then nothing is taken: the answer names
 * each one. Never throws.
 */
export function readFormValues(form: RecordForm, text: string): ReadFormValues {
  const names = form.fields
    .flatMap((field) => namesOf(field).map((name) => ({ name, field })))
    .sort((a, b) => b.name.length - a.name.length);
  const problems: string[] = [];
  const given: { field: RecordField; lines: string[] }[] = [];
  let current: string[] | null = null;
  for (const line of splitBodyLines(text)) {
    const plain = normalise(line);
    const found = names.find(
      ({ name }) => plain.startsWith(name) && /^[\s*_]*:/.test(plain.slice(name.length)),
    );
    if (found) {
      const rest = line.replace(/\s+/g, ' ').replace(/^[\s*_]*(?:[-•·–]\s+)?[\s*_]*/, '');
      const value = rest
        .slice(found.name.length)
        .replace(/^[\s*_]*:/, '')
        .replace(/^[*_]+(?=\s|$)/, '');
      current = [value.trim()];
      given.push({ field: found.field, lines: current });
      continue;
    }
    const labelled = splitLabelLine(line);
    if (labelled) {
      problems.push(
        `"${labelled.typed}:" is not a label of the ${form.title}; its labels are listed below (a line of a value that has a colon in it: write it without the colon)`,
      );
      current = null;
      continue;
    }
    if (current) current.push(line);
    else if (line.trim() !== '')
      problems.push(
        `"${clip(line.trim())}" is not under any label — start each value with its label, as "Label: value"`,
      );
  }
  if (given.length === 0 && problems.length === 0)
    problems.push(
      `FORM needs the values on the lines after it, one "Label: value" per field, with the ${form.title}'s labels below`,
    );

  const values: FormValue[] = [];
  for (const { field, lines } of given) {
    const value = lines.join('\n').trim();
    if (value !== '' && field.choices) {
      const choice = field.choices.find((c) => squash(c) === squash(value));
      if (!choice) {
        problems.push(
          `"${field.label}:" must be one of ${field.choices.map((c) => `"${c}"`).join(', ')}, not "${clip(value)}"`,
        );
        continue;
      }
      values.push({ key: field.key, label: field.label, value: choice });
      continue;
    }
    const earlier = values.find((v) => v.key === field.key);
    if (earlier && earlier.value !== value) {
      problems.push(
        `"${field.label}:" is given more than once with different values — give it once`,
      );
      continue;
    }
    if (!earlier) values.push({ key: field.key, label: field.label, value });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 59).trimEnd()}…` : oneLine;
}
