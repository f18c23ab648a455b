import { z } from 'zod';

/**
 * The shape of one `policies/<id>.yaml`. Every number a deadline depends on carries a
 * `source:` quoting the partnership's own document, so an auditor can check each deadline
 * against the words it came from; contradictions in a document stay visible as `note:`.
 */

/** How a policy's stage deadlines are counted (POLICIES.md, "Counting working days"). */
export const TIMESCALE_KINDS = [
  /** "within N working days" of the stage's own start */
  'relative-within',
  /** "within N working days" counted from the raise, not moved by earlier stages */
  'cumulative-within',
  /** "by working day K", the raise day being day 1 */
  'cumulative-by-working-day',
  /** no fixed timescales */
  'none',
] as const;
export type TimescaleKind = (typeof TIMESCALE_KINDS)[number];

export const BREACH_RULES = [
  /** the case moves to the next stage and its clock starts */
  'escalate',
  /** the participants are asked for a documented rationale (`REASON`) */
  'ask-rationale',
  /** the participants are asked to agree a timescale (`EXTEND`) */
  'ask-agreed-timescale',
  /** the participants and the partnership are told; escalation stays the practitioners' act */
  'notify',
  /** the policy sets no deadlines, so nothing can be breached */
  'none',
] as const;
export type BreachRule = (typeof BREACH_RULES)[number];

/**
 * When a stage notice goes: on entering the stage, on the case being resolved at it, on
 * its deadline passing, or on leaving it in any way (resolved, escalated, withdrawn, decided).
 */
export const NOTICE_MOMENTS = ['enter', 'resolve', 'breach', 'leave'] as const;
export type NoticeMoment = (typeof NOTICE_MOMENTS)[number];

export const CASE_ROLES = ['raiser', 'manager', 'other-practitioner', 'participants'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

const kebabKey = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected a lower-case kebab-case key');
const camelKey = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'expected a camelCase key');

/** A quotation from the seed document, verbatim apart from whitespace. */
const source = z.string().trim().min(10, 'quote the sentence of the document this comes from');
const note = z.string().trim().min(1).optional();

/**
 * Who a notice goes to: `partnership.<key>` (a partnership role declared in
 * `partnershipRoles`, resolved to addresses by deployment config, never a person in the repo)
 * or `case.<role>` (people on the case).
 */
export const RecipientSchema = z.union(
  [
    z.templateLiteral(['partnership.', z.string().regex(/^[a-z][a-zA-Z0-9]*$/)]),
    z.enum(CASE_ROLES.map((role) => `case.${role}` as const) as [`case.${CaseRole}`]),
  ],
  {
    error: `expected partnership.<roleKey> or one of ${CASE_ROLES.map((role) => `case.${role}`).join(', ')}`,
  },
);
export type Recipient = z.infer<typeof RecipientSchema>;

export const WorkingDaysRuleSchema = z.strictObject({
  workingDays: z.number().int().positive(),
  source,
  note,
});

export const StageNoticeSchema = z.strictObject({
  on: z.enum(NOTICE_MOMENTS),
  to: RecipientSchema,
  /** what the recipient is told, in the policy's own words where it has them */
  says: z.string().trim().min(1),
  /** a record form (by id) sent with the notice */
  attach: kebabKey.optional(),
  source,
});

/**
 * The partnership's copy of how a case ended: sent when a case is resolved, agreed or decided
 * at `fromStage` or later, carrying the outcome, the outstanding issues, the stage and the
 * time taken. A recipient already told at that stage by a `resolve` or `leave` notice gets the
 * outcome there instead, once.
 */
export const OutcomeNoticeSchema = z.strictObject({
  to: RecipientSchema,
  fromStage: z.number().int().positive().default(1),
  says: z.string().trim().min(1),
  source,
  note,
});

export const RecordFieldSchema = z.strictObject({
  key: camelKey,
  label: z.string().trim().min(1),
  required: z.boolean().default(false),
  /** the fixed choices the document offers (e.g. Kirklees' "nature of professional difference") */
  choices: z.array(z.string().trim().min(1)).optional(),
});

export const RecordFormSchema = z.strictObject({
  id: kebabKey,
  title: z.string().trim().min(1),
  fields: z.array(RecordFieldSchema).min(1),
  source,
  note,
});

/** Where a step's clock starts: the stage's entry, or the stage's `on: enter` notice (sent then). */
export const STEP_STARTS = ['stage-entry', 'enter-notice'] as const;
export type StepStart = (typeof STEP_STARTS)[number];

/** The reply that records a step done; the stage ending first ends it too. */
export const STEP_REPLIES = ['RECOMMEND'] as const;
export type StepReply = (typeof STEP_REPLIES)[number];

/**
 * A timed step inside a stage, with its own due date, reminder and breach notice (NEL's
 * Chair "will make a recommendation ... within 5 days of the notification" at stage 5):
 * "within N" counts N working days from the step's start day, as a stage's does.
 */
export const StageStepSchema = z.strictObject({
  id: kebabKey,
  title: z.string().trim().min(1),
  /** who acts: the role its reminder and breach notice go to */
  who: RecipientSchema,
  due: z.strictObject({
    workingDays: z.number().int().positive(),
    from: z.enum(STEP_STARTS),
    note,
  }),
  reply: z.enum(STEP_REPLIES),
  source,
  note,
});

export const StageSchema = z.strictObject({
  number: z.number().int().positive(),
  title: z.string().trim().min(1),
  /** who acts at this stage, in the document's words */
  whoActs: z.string().trim().min(1),
  source,
  /** absent exactly when the policy's timescale kind is `none` */
  deadline: WorkingDaysRuleSchema.optional(),
  /** the role ladder: for each agency type, who acts at this stage */
  roles: z.record(kebabKey, z.string().trim().min(1)).optional(),
  rolesSource: source.optional(),
  notices: z.array(StageNoticeSchema).default([]),
  /** record forms (by id) this stage needs completed */
  records: z.array(kebabKey).default([]),
  /** timed steps inside the stage (NEL stage 5: the Chair's recommendation) */
  steps: z.array(StageStepSchema).default([]),
  note,
});

export const CategorySchema = z.strictObject({
  key: kebabKey,
  label: z.string().trim().min(1),
  source: source.optional(),
  /**
   * The document's other words for the category (its record form's tick boxes, its list of
   * where disagreements arise), each quoted from it, so a person who copies them is understood.
   */
  wordings: z.array(z.string().trim().min(3)).optional(),
});

export const AgencyTypeSchema = z.strictObject({
  key: kebabKey,
  label: z.string().trim().min(1),
});

export const PartnershipRoleSchema = z.strictObject({
  key: camelKey,
  title: z.string().trim().min(1),
  source,
});

/** Where a policy says nothing: six years after closure, the deployment's decision. */
export const DEFAULT_RETENTION_YEARS = 6;
export const DEFAULT_RETENTION_NOTE =
  'A deployment decision, not the policy document: personal data is kept 6 years after the case closes.';

const PolicyShape = z.strictObject({
  /**
   * The partnership's id: its file's name and its mailbox's (`<id>@MAIL_DOMAIN`). Any file
   * present is a policy: no list of ids anywhere in the code.
   */
  id: kebabKey.max(40, 'a policy id is at most 40 characters (it is a mailbox name)'),
  /** prefix of case references, e.g. NEL in NEL-2026-0007 */
  code: z.string().regex(/^[A-Z]{2,6}$/, 'expected 2 to 6 capital letters'),
  title: z.string().trim().min(1),
  /**
   * The title as subjects carry it, so a subject stays under 100 characters; the title in
   * full is in the body.
   */
  shortTitle: z.string().trim().min(1).max(40),
  partnership: z.string().trim().min(1),
  /** the seed document this file encodes */
  document: z.string().trim().min(1),
  serves: z.array(z.enum(['children', 'adults'])).min(1),
  /** the calendar the policy counts working days in; with `calendars`, the first of them */
  calendar: kebabKey,
  /**
   * Where cases may count in one of several calendars (islands: Guernsey or Alderney), each
   * with the document's words for it; the first is the default and equals `calendar`.
   */
  calendars: z
    .array(z.strictObject({ id: kebabKey, source, note }))
    .min(1)
    .optional(),
  /** local time, HH:MM; POLICIES.md: 17:00 unless the policy says otherwise */
  closeOfBusiness: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')
    .default('17:00'),
  timescale: z.strictObject({ kind: z.enum(TIMESCALE_KINDS), source, note }),
  overallLimit: WorkingDaysRuleSchema.optional(),
  /** whether a case may start above stage 1 (e.g. where there is a risk of immediate harm) */
  startAboveStageOne: z.strictObject({ allowed: z.boolean(), source: source.optional(), note }),
  /** what to do at once where there is immediate risk: outside the escalation process */
  urgentGuidance: z.strictObject({
    text: z.string().trim().min(1),
    source,
    /**
     * The services to contact at once (MASH, SPA, Duty & Advice) and their numbers, each as
     * the document prints it: services, never named officers.
     */
    routes: z.array(z.string().trim().min(3)).optional(),
  }),
  breach: z.strictObject({
    rule: z.enum(BREACH_RULES),
    /** whether a missed timescale also needs a documented rationale */
    rationaleRequired: z.boolean().default(false),
    /** who the rationale and breach notices go to */
    notify: z.array(RecipientSchema).default([]),
    source: source.optional(),
    note,
  }),
  /** the partnership's own roles that notices go to; addresses come from deployment config */
  partnershipRoles: z.array(PartnershipRoleSchema).min(1),
  /** the partnership role that gets breach notices, rationales and the weekly digest */
  partnershipContact: camelKey,
  agencyTypes: z.array(AgencyTypeSchema).default([]),
  categories: z.array(CategorySchema).min(1),
  recordForms: z.array(RecordFormSchema).default([]),
  stages: z.array(StageSchema).min(1),
  afterResolution: z.string().trim().min(1).optional(),
  /** who in the partnership is told the outcome when a case ends by agreement or decision */
  outcomeNotices: z.array(OutcomeNoticeSchema).default([]),
  /**
   * How long a closed case keeps its personal data (UK GDPR storage limitation): after this
   * many years from closure it is erased, the skeleton kept. RETENTION_YEARS overrides it.
   */
  retention: z
    .strictObject({ years: z.number().int().positive().max(100), note: z.string().trim().min(1) })
    .default({ years: DEFAULT_RETENTION_YEARS, note: DEFAULT_RETENTION_NOTE }),
  notes: z.array(z.string().trim().min(1)).default([]),
});

export const PolicySchema = PolicyShape.superRefine(checkConsistency);

/** The rules that tie one part of a policy file to another. */
function checkConsistency(policy: z.infer<typeof PolicyShape>, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const timed = policy.timescale.kind !== 'none';
  const roles = new Set(policy.partnershipRoles.map((role) => role.key));
  const agencies = new Set(policy.agencyTypes.map((agency) => agency.key));
  const forms = new Set(policy.recordForms.map((form) => form.id));
  const checkRecipient = (path: (string | number)[], to: string) => {
    if (to.startsWith('partnership.') && !roles.has(to.slice('partnership.'.length))) {
      issue(path, `${to} is not one of partnershipRoles (${[...roles].join(', ')})`);
    }
  };

  if (policy.calendars) {
    if (policy.calendars[0]!.id !== policy.calendar)
      issue(
        ['calendars', 0, 'id'],
        `the first calendar is the default: expected ${policy.calendar}`,
      );
    const ids = policy.calendars.map((calendar) => calendar.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) issue(['calendars', i, 'id'], `${id} is listed twice`);
    });
  }
  if (!roles.has(policy.partnershipContact)) {
    issue(['partnershipContact'], `${policy.partnershipContact} is not one of partnershipRoles`);
  }
  if (!policy.categories.some((category) => category.key === 'other')) {
    issue(
      ['categories'],
      'a policy needs the category "other", the default for a form without one',
    );
  }
  if (new Set(policy.categories.map((c) => c.key)).size !== policy.categories.length) {
    issue(['categories'], 'category keys must be unique');
  }
  if ((policy.breach.rule === 'none') === timed) {
    issue(
      ['breach', 'rule'],
      timed
        ? 'a policy with timescales needs a breach rule'
        : 'a policy without timescales cannot be breached: use rule none',
    );
  }
  policy.breach.notify.forEach((to, i) => checkRecipient(['breach', 'notify', i], to));
  if (!timed && policy.overallLimit) {
    issue(['overallLimit'], 'a policy without timescales cannot have an overall limit');
  }

  let previousDeadline = 0;
  policy.outcomeNotices.forEach((notice, i) => {
    checkRecipient(['outcomeNotices', i, 'to'], notice.to);
    if (notice.fromStage > policy.stages.length)
      issue(['outcomeNotices', i, 'fromStage'], `the policy has ${policy.stages.length} stages`);
  });
  policy.stages.forEach((stage, i) => {
    const path = ['stages', i];
    if (stage.number !== i + 1)
      issue(
        [...path, 'number'],
        `expected stage ${i + 1}; stages are numbered 1, 2, 3 ... in order`,
      );
    if (timed && !stage.deadline)
      issue(
        [...path, 'deadline'],
        `timescale kind ${policy.timescale.kind} needs a deadline on every stage`,
      );
    if (!timed && stage.deadline)
      issue([...path, 'deadline'], 'timescale kind none: stages have no deadline');
    if (stage.deadline && policy.timescale.kind.startsWith('cumulative')) {
      if (stage.deadline.workingDays <= previousDeadline) {
        issue(
          [...path, 'deadline', 'workingDays'],
          `a cumulative deadline must be later than the stage before's (${previousDeadline})`,
        );
      }
      previousDeadline = stage.deadline.workingDays;
    }
    for (const agency of Object.keys(stage.roles ?? {})) {
      if (!agencies.has(agency))
        issue([...path, 'roles', agency], `${agency} is not one of agencyTypes`);
    }
    if (stage.roles && !stage.rolesSource)
      issue([...path, 'rolesSource'], 'a role ladder needs the source it was read from');
    stage.notices.forEach((notice, j) => {
      checkRecipient([...path, 'notices', j, 'to'], notice.to);
      if (notice.attach && !forms.has(notice.attach))
        issue([...path, 'notices', j, 'attach'], `${notice.attach} is not one of recordForms`);
    });
    stage.records.forEach((form, j) => {
      if (!forms.has(form)) issue([...path, 'records', j], `${form} is not one of recordForms`);
    });
    stage.steps.forEach((step, j) => {
      checkRecipient([...path, 'steps', j, 'who'], step.who);
      if (stage.steps.findIndex((other) => other.id === step.id) !== j)
        issue([...path, 'steps', j, 'id'], `${step.id} is listed twice`);
      if (step.due.from === 'enter-notice' && !stage.notices.some((n) => n.on === 'enter'))
        issue(
          [...path, 'steps', j, 'due', 'from'],
          'enter-notice: the stage has no notice on enter',
        );
    });
  });
  const last = policy.stages.at(-1)?.deadline?.workingDays ?? 0;
  if (
    policy.overallLimit &&
    policy.timescale.kind.startsWith('cumulative') &&
    policy.overallLimit.workingDays < last
  ) {
    issue(
      ['overallLimit', 'workingDays'],
      `the overall limit is earlier than the last stage's deadline (${last})`,
    );
  }
}

export type PolicyFile = z.infer<typeof PolicySchema>;
export type Stage = z.infer<typeof StageSchema>;
export type StageNotice = z.infer<typeof StageNoticeSchema>;
export type StageStep = z.infer<typeof StageStepSchema>;
export type RecordForm = z.infer<typeof RecordFormSchema>;
export type Category = z.infer<typeof CategorySchema>;
