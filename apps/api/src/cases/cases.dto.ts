import { CASE_STATUSES, NewcomerSchema, PersonSchema, RISK_LEVELS } from '@escalations/domain';
import { CASE_LIST_SORTS } from '@escalations/db';
import { z } from 'zod';

const text = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} must not be empty`);
const isoDate = z.iso.date({ error: 'expected a date, yyyy-mm-dd' });

/** POST /cases: the escalation form's fields (CONTRACT.md). */
export const OpenCaseBodySchema = z.strictObject({
  policy: text('policy'),
  caseName: text('caseName'),
  agency: text('agency'),
  otherAgency: text('otherAgency'),
  disagreement: text('disagreement'),
  raisedBy: PersonSchema,
  category: z.string().trim().min(1).default('other'),
  manager: PersonSchema.optional(),
  otherPractitioner: PersonSchema.optional(),
  copied: z.array(PersonSchema).max(50).optional(),
  outcomeSought: z.string().trim().min(1).optional(),
  attemptsSoFar: z.string().trim().min(1).optional(),
  risk: z.enum(RISK_LEVELS).default('standard'),
  startStage: z.number().int().min(1).default(1),
  /** one of the policy's calendars (islands: guernsey or alderney); absent: its default */
  calendar: z.string().trim().min(1).optional(),
  /**
   * in the past: an earlier escalation imported with its real dates. An instant with an
   * offset is taken as given; a local time without one is read in the policy calendar's zone
   * (and refused where the clocks skip or repeat it).
   */
  raisedAt: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/, {
      error:
        "expected an ISO 8601 date and time, e.g. 2026-12-23T10:00:00Z, or 2026-12-23T10:00 in the local time of the policy's calendar",
    })
    .optional(),
});
export type OpenCaseBody = z.infer<typeof OpenCaseBodySchema>;

/** POST /cases/:ref/actions: the reply commands, for administrators. */
export const CaseActionBodySchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({
      action: z.literal('resolve'),
      text: text('text (the agreed outcome)'),
      outstanding: z.array(z.string().trim().min(1)).optional(),
    }),
    z.strictObject({
      action: z.literal('escalate'),
      text: text('text (the reason)'),
      nextContacts: z.array(PersonSchema).optional(),
    }),
    z
      .strictObject({
        action: z.literal('extend'),
        text: text('text (the reason)'),
        workingDays: z.number().int().min(1).max(60).optional(),
        until: isoDate.optional(),
      })
      .refine((body) => (body.workingDays === undefined) !== (body.until === undefined), {
        message: 'give exactly one of workingDays or until',
        path: ['workingDays'],
      }),
    z.strictObject({ action: z.literal('reason'), text: text('text (the rationale)') }),
    z.strictObject({ action: z.literal('note'), text: text('text (the note)') }),
    z.strictObject({ action: z.literal('withdraw'), text: text('text (the reason)') }),
    z.strictObject({ action: z.literal('decision'), text: text('text (the decision)') }),
    // brings people onto the case (whoever now holds a stage, say); they are told what it is about
    z.strictObject({
      action: z.literal('add'),
      people: z.array(NewcomerSchema).min(1, 'people must name at least one person'),
      text: z.string().trim().min(1).optional(),
    }),
    // closes with the outcome the other side proposed; an administrator may also simply resolve
    z.strictObject({ action: z.literal('agree'), text: z.string().trim().min(1).optional() }),
    // LEARNING: what the case taught (a debrief's notes, say), for the agency it names
    z.strictObject({
      action: z.literal('learning'),
      text: text('text (the learning)'),
      agency: z.string().trim().min(1, 'agency must not be empty').optional(),
    }),
    // RECOMMEND on behalf of whoever the stage's timed step names (NEL stage 5: the Chair, who
    // gave it by phone, say): the reason says why an administrator records it for them
    z.strictObject({
      action: z.literal('recommend'),
      text: text('text (the recommendation)'),
      reason: text('reason (why it is recorded on their behalf)'),
    }),
  ],
  {
    error:
      'action must be one of resolve, escalate, extend, reason, note, withdraw, decision, agree, add, learning, recommend',
  },
);
export type CaseActionBody = z.infer<typeof CaseActionBodySchema>;

const booleanParam = z.enum(['true', 'false']).transform((value) => value === 'true');

/** GET /cases and /cases.csv */
export const CaseListQuerySchema = z.strictObject({
  policy: z.string().min(1).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  stage: z.coerce.number().int().min(1).optional(),
  overdue: booleanParam.optional(),
  agency: z.string().min(1).optional(),
  category: z.string().min(1).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  // absent: newest first, as before sorting came
  sort: z
    .enum(CASE_LIST_SORTS, { error: `sort must be one of ${CASE_LIST_SORTS.join(', ')}` })
    .optional()
    .meta({
      description:
        "the order: raisedAt, dueAt (the current stage's due date, for a closed case the stage it closed at; none last), stage or reference, a leading minus for descending; ties in reference order. Absent: newest first",
    }),
});
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;
