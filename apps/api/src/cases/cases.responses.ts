import { CASE_STATUSES, RISK_LEVELS, STEP_ENDINGS } from '@escalations/domain';
import { z } from 'zod';

// Response schemas are loose objects: a field added to an answer is documented when it is
// added, but an answer carrying one more field than the document says is not a broken client.
const instant = z.iso.datetime();
const date = z.iso.date();

const ParticipantSchema = z.looseObject({
  name: z.string().optional(),
  email: z.string(),
  role: z.string(),
  agency: z.string().optional(),
  joinedAtStage: z.number().int(),
  roleTitle: z.string().optional(),
  side: z.enum(['raising', 'other']).optional(),
});

/** A timed step inside a stage (NEL stage 5: the Chair's recommendation), with its dates. */
const StepSchema = z.looseObject({
  id: z.string(),
  title: z.string().nullable(),
  who: z.string().nullable(),
  reply: z.string().nullable(),
  startDate: date.nullable(),
  dueDate: date.nullable(),
  dueAt: instant.nullable(),
  remindAt: instant.nullable(),
  remindedAt: instant.nullable(),
  breachedAt: instant.nullable(),
  /** REASON's rationale for the missed step */
  rationale: z.looseObject({ text: z.string(), by: z.string(), at: instant }).optional(),
  completedAt: instant.nullable(),
  endedBy: z.enum(STEP_ENDINGS).nullable(),
});

const StageSchema = z.looseObject({
  number: z.number().int().min(1),
  title: z.string().nullable(),
  startedAt: instant,
  enteredBy: z.enum(['raise', 'escalation', 'breach']),
  startDate: date.nullable(),
  policyDueDate: date.nullable(),
  dueDate: date.nullable(),
  dueAt: instant.nullable(),
  extensions: z.array(
    z.looseObject({
      agreedAt: instant,
      agreedBy: z.string(),
      fromDueDate: date,
      dueDate: date,
      dueAt: instant,
      reason: z.string(),
    }),
  ),
  breaches: z.array(
    z.looseObject({
      at: instant,
      dueDate: date,
      recordedAt: instant,
      rationale: z.looseObject({ text: z.string(), by: z.string(), at: instant }).optional(),
    }),
  ),
  remindedAt: instant.nullable(),
  remindAt: instant.nullable(),
  completedAt: instant.nullable(),
  outcome: z.enum(['resolved', 'escalated', 'withdrawn', 'decided']).nullable(),
  workingDaysTaken: z.number().int().nullable(),
  beyondCalendar: z
    .looseObject({ calendar: z.string(), year: z.number().int() })
    .nullable()
    .optional(),
  steps: z.array(StepSchema),
});

/** A case: its parties and stages with their deadlines, extensions and breaches. */
export const CaseViewSchema = z
  .looseObject({
    ref: z.string(),
    policy: z.string(),
    status: z.enum(CASE_STATUSES),
    version: z.number().int(),
    raisedAt: instant,
    caseName: z.string(),
    agency: z.string(),
    otherAgency: z.string(),
    disagreement: z.string(),
    category: z.string(),
    risk: z.enum(RISK_LEVELS),
    outcomeSought: z.string().nullable(),
    attemptsSoFar: z.string().nullable(),
    currentStage: z.number().int().nullable(),
    overallDueDate: date.nullable(),
    overallDueAt: instant.nullable(),
    overallBreachedAt: instant.nullable(),
    closedAt: instant.nullable(),
    closingText: z.string().nullable(),
    outstanding: z.array(z.string()),
    proposal: z
      .looseObject({
        text: z.string(),
        outstanding: z.array(z.string()),
        by: z.string(),
        at: instant,
        stage: z.number().int(),
      })
      .nullable(),
    participants: z.array(ParticipantSchema),
    stages: z.array(StageSchema),
  })
  .meta({ id: 'Case' });

/**
 * GET /cases/{ref}: the case with the machine-sent mail about it (out-of-office replies,
 * bounces) and its participants' failing addresses, why someone may not have answered.
 */
export const CaseDetailSchema = CaseViewSchema.extend({
  automaticMail: z.array(
    z.looseObject({
      id: z.uuid().meta({ description: 'its bytes: GET /api/v1/messages/{id}/raw' }),
      at: instant,
      kind: z
        .string()
        .meta({ description: 'auto-reply, bounce, delivery-delay, ... or unclassified' }),
      reason: z.string().nullable(),
      from: z.string().nullable(),
      subject: z.string().nullable(),
      failedRecipients: z.array(z.string()),
    }),
  ),
  failingAddresses: z.array(
    z.looseObject({
      email: z.string(),
      name: z.string().nullable(),
      failingSince: instant.nullable(),
    }),
  ),
}).meta({ id: 'CaseDetail' });

export const CaseListSchema = z
  .looseObject({
    items: z.array(
      z.looseObject({
        ref: z.string(),
        policy: z.string(),
        status: z.enum(CASE_STATUSES),
        raisedAt: instant,
        caseName: z.string(),
        agency: z.string(),
        otherAgency: z.string(),
        category: z.string(),
        risk: z.string(),
        currentStage: z.number().int().nullable(),
        currentDueDate: date.nullable(),
        currentDueAt: instant.nullable(),
        closedAt: instant.nullable(),
      }),
    ),
    nextCursor: z.string().nullable().meta({ description: 'the next page: pass as cursor' }),
  })
  .meta({ id: 'CaseList' });

export const CaseEventsSchema = z
  .array(
    z.looseObject({
      seq: z.number().int(),
      type: z.string(),
      at: instant,
      stage: z.number().int(),
      actor: z.string(),
      verified: z.boolean(),
      data: z.record(z.string(), z.unknown()),
      recordedAt: instant,
    }),
  )
  .meta({ id: 'CaseEvents' });

export const CaseMessagesSchema = z
  .array(
    z.looseObject({
      id: z.uuid(),
      direction: z.enum(['inbound', 'outbound']),
      kind: z.string().nullable(),
      messageId: z.string().nullable(),
      fromAddress: z.string().nullable(),
      from: z.string().nullable(),
      to: z.array(z.string()),
      cc: z.array(z.string()),
      subject: z.string().nullable(),
      noticeKind: z
        .string()
        .nullable()
        .meta({ description: 'what mail we sent was for: acknowledgement, learning-request, ...' }),
      status: z.string(),
      error: z.string().nullable(),
      receivedAt: instant,
      processedAt: instant.nullable(),
      sha256: z.string(),
      attachments: z.array(
        z.looseObject({
          id: z.uuid(),
          filename: z.string(),
          contentType: z.string(),
          size: z.number().int(),
          sha256: z.string(),
          kept: z.boolean().meta({ description: 'false: over the size limit, listed only' }),
        }),
      ),
    }),
  )
  .meta({ id: 'CaseMessages' });

export const ChronologySchema = z
  .looseObject({
    ref: z.string(),
    policyId: z.string(),
    policyTitle: z.string(),
    partnership: z.string(),
    caseName: z.string(),
    disagreement: z.string(),
    status: z.string(),
    entries: z.array(
      z.looseObject({
        at: instant,
        who: z.string(),
        what: z.string(),
        stage: z.number().int().nullable(),
        stageDueDate: z.string().nullable(),
        source: z.enum(['event', 'message']),
        type: z.string(),
      }),
    ),
  })
  .meta({ id: 'Chronology' });
