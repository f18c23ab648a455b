import { z } from 'zod';
import { PersonSchema } from './person.schema';

/**
 * The commands a reply may start with (CONTRACT.md, "Replies that act on a case"), in the
 * order they are listed to a person who wrote something else. `needs` names the text each
 * must have.
 */
export const REPLY_COMMANDS = [
  { word: 'RESOLVED', usage: 'RESOLVED', kind: 'resolve', needs: 'the agreed outcome' },
  // the raising side's acceptance of an outcome the other side proposed; words after it are optional
  { word: 'AGREE', usage: 'AGREE', kind: 'agree', needs: 'nothing' },
  { word: 'ESCALATE', usage: 'ESCALATE', kind: 'escalate', needs: 'the reason for escalating' },
  {
    word: 'EXTEND',
    usage: 'EXTEND <n>, EXTEND TO <yyyy-mm-dd>',
    kind: 'extend',
    needs: 'the reason for the extension',
  },
  {
    word: 'REASON',
    usage: 'REASON',
    kind: 'reason',
    needs: 'the rationale for the missed deadline',
  },
  { word: 'NOTE', usage: 'NOTE', kind: 'note', needs: 'the note' },
  {
    word: 'ADD',
    usage: 'ADD',
    kind: 'add',
    needs: 'the people to add, one per line: Name <name@example.org>',
  },
  { word: 'WITHDRAW', usage: 'WITHDRAW', kind: 'withdraw', needs: 'the reason for withdrawing' },
  { word: 'DECISION', usage: 'DECISION', kind: 'decision', needs: 'the decision' },
  // a timed step of the stage done: NEL's Chair's recommendation at stage 5
  { word: 'RECOMMEND', usage: 'RECOMMEND', kind: 'recommend', needs: 'the recommendation' },
  // a record form the policy asks for: `Label: value` lines with the form's labels
  {
    word: 'FORM',
    usage: 'FORM, FORM <form-id>',
    kind: 'form',
    needs: 'the form\'s "Label: value" lines',
  },
  // what the case taught, after it closed: recorded and forwarded to the partnership
  { word: 'LEARNING', usage: 'LEARNING', kind: 'learning', needs: 'the learning' },
] as const;

export type ReplyCommandWord = (typeof REPLY_COMMANDS)[number]['word'];
export type ReplyCommandKind = (typeof REPLY_COMMANDS)[number]['kind'];

/** EXTEND's limit: longer than this is not an extension but a new timetable. */
export const MAX_EXTENSION_WORKING_DAYS = 60;

const text = z.string().trim().min(1);

export const ResolveCommandSchema = z.object({
  kind: z.literal('resolve'),
  outcome: text,
  /** one item per `Outstanding:` line */
  outstanding: z.array(text),
});
export const EscalateCommandSchema = z.object({
  kind: z.literal('escalate'),
  reason: text,
  /** from `Next contact: Name <email>` lines */
  nextContacts: z.array(PersonSchema),
});
export const ExtendByWorkingDaysSchema = z.object({
  kind: z.literal('extend'),
  workingDays: z.number().int().min(1).max(MAX_EXTENSION_WORKING_DAYS),
  reason: text,
});
export const ExtendUntilDateSchema = z.object({
  kind: z.literal('extend'),
  /** the agreed new due date, local `yyyy-mm-dd` */
  until: z.iso.date(),
  reason: text,
});
export const ExtendCommandSchema = z.union([ExtendByWorkingDaysSchema, ExtendUntilDateSchema]);
export const ReasonCommandSchema = z.object({ kind: z.literal('reason'), rationale: text });
export const NoteCommandSchema = z.object({ kind: z.literal('note'), note: text });
export const WithdrawCommandSchema = z.object({ kind: z.literal('withdraw'), reason: text });
export const DecisionCommandSchema = z.object({ kind: z.literal('decision'), decision: text });
export const RecommendCommandSchema = z.object({
  kind: z.literal('recommend'),
  recommendation: text,
});
export const LearningCommandSchema = z.object({ kind: z.literal('learning'), learning: text });
/** FORM: the lines after it, read against the record form's labels by the case (which knows them) */
export const FormCommandSchema = z.object({
  kind: z.literal('form'),
  formId: z.string().optional(),
  text: z.string(),
});
export const AgreeCommandSchema = z.object({
  kind: z.literal('agree'),
  /** anything written after AGREE, recorded beside the agreed outcome */
  text: text.optional(),
});
/** someone ADD brings onto the case, with the role they hold when it is given */
export const NewcomerSchema = PersonSchema.extend({ roleTitle: text.optional() });
export const AddCommandSchema = z.object({
  kind: z.literal('add'),
  people: z.array(NewcomerSchema).min(1),
  /** any other words: why they are being added */
  note: text.optional(),
});
/** `Next contact: Name <email>` lines: any reply may bring people onto the case with them */
export const NextContactsSchema = z.object({ nextContacts: z.array(PersonSchema).optional() });

// A plain union: zod's discriminated union cannot hold EXTEND's two shapes under one kind.
export const ReplyCommandSchema = z.union([
  ResolveCommandSchema,
  EscalateCommandSchema,
  ExtendCommandSchema,
  ReasonCommandSchema,
  NoteCommandSchema,
  WithdrawCommandSchema,
  DecisionCommandSchema,
  RecommendCommandSchema,
  FormCommandSchema,
  LearningCommandSchema,
  AgreeCommandSchema,
  AddCommandSchema,
]);
export type ReplyCommand = z.infer<typeof ReplyCommandSchema> & z.infer<typeof NextContactsSchema>;
export type Newcomer = z.infer<typeof NewcomerSchema>;
export type AddCommand = z.infer<typeof AddCommandSchema>;
export type ResolveCommand = z.infer<typeof ResolveCommandSchema>;
export type EscalateCommand = z.infer<typeof EscalateCommandSchema>;
export type ExtendCommand = z.infer<typeof ExtendCommandSchema>;
export type ReasonCommand = z.infer<typeof ReasonCommandSchema>;
export type NoteCommand = z.infer<typeof NoteCommandSchema>;
export type WithdrawCommand = z.infer<typeof WithdrawCommandSchema>;
export type DecisionCommand = z.infer<typeof DecisionCommandSchema>;
export type AgreeCommand = z.infer<typeof AgreeCommandSchema>;

export const ParsedReplyCommandSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), command: ReplyCommandSchema.and(NextContactsSchema) }),
  z.object({ ok: z.literal(false), problems: z.array(z.string().min(1)).min(1) }),
]);
export type ParsedReplyCommand = z.infer<typeof ParsedReplyCommandSchema>;
