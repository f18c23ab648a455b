import { z } from 'zod';
import { PersonSchema } from './person.schema';

/**
 * The labels of the escalation form (CONTRACT.md, "A new escalation, by email"), in the
 * order the blank form shows them and problems are reported. `description` finishes the
 * sentence "Missing "Case:" — ..." and is the hint in the blank form; `aliases` are the
 * other ways people write the label. `shape` says how a value spread over lines is read:
 * `line` values are one line (a wrapped line is joined back up, and anything after a blank
 * line is left out, so a sign-off after `Risk: standard` is not part of the risk), `text`
 * values keep their lines and paragraphs.
 */
export const ESCALATION_FORM_FIELDS = [
  {
    key: 'caseName',
    label: 'Case',
    required: true,
    shape: 'line',
    description: 'the case name, PID or NHS number of the child or adult',
    aliases: ['case name'],
  },
  {
    key: 'agency',
    label: 'Agency',
    required: true,
    shape: 'line',
    description: 'your agency, which is raising the disagreement',
    aliases: ['raising agency', 'your agency', 'my agency'],
  },
  {
    key: 'otherAgency',
    label: 'Other agency',
    required: true,
    shape: 'line',
    description: 'the agency whose decision you are challenging',
    aliases: [],
  },
  {
    key: 'disagreement',
    label: 'Disagreement',
    required: true,
    shape: 'text',
    description: 'what is in dispute',
    aliases: [],
  },
  {
    key: 'category',
    label: 'Category',
    required: false,
    shape: 'line',
    description: 'one of the categories listed above',
    aliases: [],
  },
  {
    key: 'manager',
    label: 'Manager',
    required: false,
    shape: 'line',
    description: 'your line manager, as Name <name@example.org>',
    aliases: ['line manager', 'my manager'],
  },
  {
    key: 'otherPractitioner',
    label: 'Other practitioner',
    required: false,
    shape: 'line',
    description: 'the practitioner in the other agency, as Name <name@example.org>',
    aliases: [],
  },
  {
    key: 'outcomeSought',
    label: 'Outcome sought',
    required: false,
    shape: 'text',
    description: 'what you want to happen',
    // Not plain "Outcome": "Outcome: no reply" is how people report an attempt.
    aliases: ['desired outcome'],
  },
  {
    key: 'attemptsSoFar',
    label: 'Attempts so far',
    required: false,
    shape: 'text',
    description: 'what has been tried so far to resolve it',
    aliases: ['attempts', 'attempts to resolve'],
  },
  {
    key: 'risk',
    label: 'Risk',
    required: false,
    shape: 'line',
    description: 'standard, or immediate where there is a risk of immediate harm',
    aliases: ['risk level'],
  },
  {
    key: 'startStage',
    label: 'Start stage',
    required: false,
    shape: 'line',
    description: 'the stage number to start at, where it should not be stage 1',
    aliases: ['starting stage', 'start at stage'],
  },
  {
    key: 'calendar',
    label: 'Calendar',
    required: false,
    shape: 'line',
    description: 'where the policy counts in more than one calendar, which one (e.g. Alderney)',
    aliases: ['island'],
  },
] as const;

export type EscalationFormField = (typeof ESCALATION_FORM_FIELDS)[number];
export type EscalationFormFieldKey = EscalationFormField['key'];

export const ESCALATION_FORM_FIELD_KEYS = ESCALATION_FORM_FIELDS.map((field) => field.key) as [
  EscalationFormFieldKey,
  ...EscalationFormFieldKey[],
];

export const RISK_LEVELS = ['standard', 'immediate'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** The category a form without `Category:` gets; every policy has it. */
export const DEFAULT_CATEGORY = 'other';

const text = z.string().trim().min(1);

export const EscalationFormSchema = z.object({
  caseName: text,
  agency: text,
  otherAgency: text,
  disagreement: text,
  /** the key of one of the policy's categories */
  category: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected a category key'),
  manager: PersonSchema.optional(),
  otherPractitioner: PersonSchema.optional(),
  outcomeSought: text.optional(),
  attemptsSoFar: text.optional(),
  risk: z.enum(RISK_LEVELS),
  startStage: z.number().int().positive(),
  /** the id of one of the policy's calendars; absent: the policy's first */
  calendar: z
    .string()
    .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
    .optional(),
});
export type EscalationForm = z.infer<typeof EscalationFormSchema>;

export const FormProblemSchema = z.object({
  /** the field the problem is about; null for the message as a whole */
  field: z.enum(ESCALATION_FORM_FIELD_KEYS).nullable(),
  message: z.string().min(1),
});
export type FormProblem = z.infer<typeof FormProblemSchema>;

export const ParsedEscalationFormSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), form: EscalationFormSchema }),
  z.object({
    ok: z.literal(false),
    problems: z.array(FormProblemSchema).min(1),
    /** the fields that were given and valid, to fill in the form sent back */
    partial: EscalationFormSchema.partial(),
  }),
]);
export type ParsedEscalationForm = z.infer<typeof ParsedEscalationFormSchema>;

/** What the form depends on in the policy it was sent to. */
export const EscalationFormOptionsSchema = z.object({
  categories: z
    .array(
      z.object({
        key: z.string().min(1),
        label: z.string().min(1),
        /** the policy document's own words for it (the policy's `source` and `wordings`) */
        source: z.string().min(1).optional(),
        wordings: z.array(z.string().min(1)).optional(),
      }),
    )
    .min(1),
  stageCount: z.number().int().positive(),
  startAboveStageOne: z.boolean(),
  /** the calendars the policy allows, the first the default (islands: Guernsey, Alderney) */
  calendars: z.array(z.object({ id: z.string().min(1), title: z.string().min(1) })).optional(),
});
export type EscalationFormOptions = z.infer<typeof EscalationFormOptionsSchema>;

// The labels and the schema must name the same fields; this fails to compile if they drift.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const fieldsMatchSchema: SameKeys<EscalationFormFieldKey, keyof EscalationForm> = true;
void fieldsMatchSchema;
