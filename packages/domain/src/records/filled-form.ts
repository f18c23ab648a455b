import type { RecordForm } from '../policy/policy.schema';

export type RecordField = RecordForm['fields'][number];

/** Where a field's value came from: what the case knows, or what a participant sent (`FORM`). */
export type FilledFrom = 'case' | 'sent';

export interface FilledField {
  key: string;
  label: string;
  required: boolean;
  /** the document's fixed choices, when it offers them */
  choices: string[] | null;
  value: string | null;
  from: FilledFrom | null;
}

/** A record form as the case fills it: the form's fields in the document's order. */
export interface FilledForm {
  id: string;
  title: string;
  /** the case reference, the form's ID (islands: the Professional Challenge Log's number) */
  ref: string;
  policyId: string;
  partnership: string;
  fields: FilledField[];
  /** the labels of required fields still empty */
  missing: string[];
}

/** A field's value as the case's record keeps what participants sent. */
export interface SentFormValue {
  value: string;
  by: string;
  at: string;
}

export type SentForms = Record<string, Record<string, SentFormValue>>;

export function formById(forms: readonly RecordForm[], id: string): RecordForm | undefined {
  return forms.find((form) => form.id === id);
}
