import type { Breach, Extension, BeyondCalendar, StepRecord } from '@escalations/domain';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { instant, localDate } from './columns';
import { stageEntry, stageOutcome } from './enums';
import { cases } from './cases.table';

export const stages = pgTable(
  'stages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /**
     * its case's policy and raise instant, which never change: the reports pick a period's
     * stages from an index on these alone, without joining every case in scope
     */
    policyId: text('policy_id').notNull(),
    caseRaisedAt: instant('case_raised_at').notNull(),
    number: integer('number').notNull(),
    startedAt: instant('started_at').notNull(),
    enteredBy: stageEntry('entered_by').notNull(),
    startDate: localDate('start_date'),
    /** the policy's own due date, kept when an extension replaces it */
    policyDueDate: localDate('policy_due_date'),
    dueDate: localDate('due_date'),
    dueAt: instant('due_at'),
    /** agreed extensions, oldest first, each with the date it replaced */
    extensions: jsonb('extensions').$type<Extension[]>().notNull().default([]),
    /** missed deadlines, each dated at its due instant, with the rationale when given */
    breaches: jsonb('breaches').$type<Breach[]>().notNull().default([]),
    /** whether any deadline of the stage was missed (breaches not empty), for the reports */
    breached: boolean('breached').notNull().default(false),
    /** the reports' on-time measure (`stageOnTime`): null while not measured */
    onTime: boolean('on_time'),
    remindedAt: instant('reminded_at'),
    remindAt: instant('remind_at'),
    /** when the deadline scheduler next needs to look at this stage (the domain keeps it) */
    checkAt: instant('check_at'),
    completedAt: instant('completed_at'),
    outcome: stageOutcome('outcome'),
    /** working days from the stage's start day to the day it ended: the reports' measure */
    workingDaysTaken: integer('working_days_taken'),
    /** set while the due date falls past the calendar's last year: the year to add */
    beyondCalendar: jsonb('beyond_calendar').$type<BeyondCalendar>(),
    /** timed steps inside the stage (NEL stage 5: the Chair's recommendation), with their dates */
    steps: jsonb('steps').$type<StepRecord[]>().notNull().default([]),
    /** the earliest of the steps' next looks: the scheduler's probe for steps, as check_at */
    stepCheckAt: instant('step_check_at'),
  },
  (table) => [
    unique('stages_case_number_key').on(table.caseId, table.number),
    // Open stages by due instant.
    index('stages_open_due_idx')
      .on(table.dueAt)
      .where(sql`${table.completedAt} is null`),
    // The scheduler's probe: what it must look at by now (`check_at <= now`), one index
    // probe however many stages are open; null (nothing pending) is left out of the index.
    index('stages_check_idx')
      .on(table.checkAt)
      .where(sql`${table.checkAt} is not null`),
    index('stages_step_check_idx')
      .on(table.stepCheckAt)
      .where(sql`${table.stepCheckAt} is not null`),
    // The overview's breaches this month: a case's missed deadlines without its other stages.
    index('stages_breached_idx')
      .on(table.caseId)
      .where(sql`jsonb_array_length(${table.breaches}) > 0`),
    // The reports' figures per stage, for the cases of a policy raised in a period, read from
    // the index alone.
    index('stages_report_idx').on(
      table.policyId,
      table.caseRaisedAt,
      table.number,
      table.outcome,
      table.breached,
      table.onTime,
      table.completedAt,
      table.workingDaysTaken,
      table.dueDate,
    ),
  ],
);
