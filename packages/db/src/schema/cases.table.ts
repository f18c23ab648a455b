import type { BeyondCalendar, ProposedOutcome, SentForms } from '@escalations/domain';
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant, localDate } from './columns';
import { caseStatus, riskLevel } from './enums';

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** NEL-2026-0007: unique, never reused */
    ref: text('ref').notNull().unique(),
    policyId: text('policy_id').notNull(),
    status: caseStatus('status').notNull(),
    /** the domain's version: a write must name the version it read */
    version: integer('version').notNull(),
    raisedAt: instant('raised_at').notNull(),
    /** the child's or adult's name, PID or NHS number: never in subjects or logs */
    caseName: text('case_name').notNull(),
    agency: text('agency').notNull(),
    otherAgency: text('other_agency').notNull(),
    disagreement: text('disagreement').notNull(),
    category: text('category').notNull(),
    risk: riskLevel('risk').notNull(),
    outcomeSought: text('outcome_sought'),
    attemptsSoFar: text('attempts_so_far'),
    /** the open stage, copied here so the case list filters without a join */
    currentStage: integer('current_stage').notNull(),
    currentDueDate: localDate('current_due_date'),
    currentDueAt: instant('current_due_at'),
    overallDueDate: localDate('overall_due_date'),
    overallDueAt: instant('overall_due_at'),
    overallBreachedAt: instant('overall_breached_at'),
    /** set while the overall limit falls past the calendar's last year */
    overallBeyondCalendar: jsonb('overall_beyond_calendar').$type<BeyondCalendar>(),
    /** the calendar the case counts in, where its policy allows several; null: the policy's first */
    calendarId: text('calendar_id'),
    overallCheckAt: instant('overall_check_at'),
    closedAt: instant('closed_at'),
    /**
     * The working days its stages took, summed when the case closes (null while open): the
     * overview's median reads it from an index instead of joining every stage.
     */
    workingDaysToClose: integer('working_days_to_close'),
    /** its latest missed deadline (any stage's), or null: the overview's breaches start here */
    lastBreachAt: instant('last_breach_at'),
    /** the reports' figures, kept as its stages change (`caseTimeliness`): missed deadlines, */
    breachCount: integer('breach_count').notNull().default(0),
    /** its stages measured by the on-time measure, */
    measuredStages: integer('measured_stages').notNull().default(0),
    /** and those of them on time */
    onTimeStages: integer('on_time_stages').notNull().default(0),
    closingText: text('closing_text'),
    outstanding: jsonb('outstanding').$type<string[]>().notNull().default([]),
    /** an outcome the other side proposed, awaiting the raising side's AGREE */
    proposal: jsonb('proposal').$type<ProposedOutcome>(),
    /** what participants wrote on the policy's record forms (`FORM`), by form id and field key */
    forms: jsonb('forms').$type<SentForms>(),
    /** when its personal data was erased (retention or an administrator); the skeleton stays */
    erasedAt: instant('erased_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (table) => [
    index('cases_policy_raised_idx').on(table.policyId, table.raisedAt),
    index('cases_status_raised_idx').on(table.status, table.raisedAt),
    index('cases_open_due_idx')
      .on(table.currentDueAt)
      .where(sql`${table.status} = 'open'`),
    index('cases_agency_idx').on(table.agency),
    // The console's overview: cases closed in a period, and those open (null) or closed since.
    index('cases_policy_closed_idx').on(table.policyId, table.closedAt),
    // The overview's median working days to resolve: read from the index alone.
    index('cases_policy_resolved_idx')
      .on(table.policyId, table.closedAt, table.workingDaysToClose)
      .where(sql`${table.status} in ('resolved', 'decided')`),
    // The overview's breaches this month: only cases whose latest breach is this month or later.
    index('cases_policy_breach_idx')
      .on(table.policyId, table.lastBreachAt)
      .where(sql`${table.lastBreachAt} is not null`),
    // The overview's open cases by stage, overdue and due soon, counted from the index alone.
    index('cases_policy_open_idx')
      .on(table.policyId, table.currentStage, table.currentDueAt, table.currentDueDate)
      .where(sql`${table.status} = 'open'`),
    // The reports: the figures of a policy's cases raised in a period, read from the index
    // alone. The period leads, so it is no rival to the indexes that lead with the policy.
    index('cases_report_idx').on(
      table.raisedAt,
      table.policyId,
      table.status,
      table.category,
      table.agency,
      table.breachCount,
      table.measuredStages,
      table.onTimeStages,
      table.workingDaysToClose,
    ),
    // The case list with no filter, newest first (read backwards), as the console opens it.
    index('cases_raised_idx').on(table.raisedAt, table.id),
    index('cases_overall_check_idx')
      .on(table.overallCheckAt)
      .where(sql`${table.overallCheckAt} is not null`),
  ],
);
