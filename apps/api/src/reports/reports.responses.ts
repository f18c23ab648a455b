import { z } from 'zod';

const caseCounts = {
  cases: z.number().int(),
  open: z.number().int(),
  resolved: z.number().int(),
  withdrawn: z.number().int(),
  decided: z.number().int(),
  onTimeRate: z.number().min(0).max(1).nullable(),
};

/** The missed timescales and agreed extensions of the period, each with its case and stage. */
const delays = {
  missedTimescales: z.array(
    z.looseObject({
      ref: z.string(),
      stage: z.number().int(),
      /** a timed step's breach (NEL stage 5: the Chair's recommendation); absent for the stage's own */
      step: z.string().optional(),
      /** the step as the reports name it, e.g. "stage 5: The Chair's recommendation ..." */
      label: z.string().optional(),
      dueDate: z.iso.date(),
      breachedAt: z.iso.datetime(),
      rationale: z
        .looseObject({ text: z.string(), by: z.string(), at: z.iso.datetime() })
        .nullable(),
    }),
  ),
  extensions: z.array(
    z.looseObject({
      ref: z.string(),
      stage: z.number().int(),
      fromDueDate: z.iso.date(),
      dueDate: z.iso.date(),
      reason: z.string(),
      agreedBy: z.string(),
      agreedAt: z.iso.datetime(),
    }),
  ),
};

export const TimelinessReportSchema = z
  .looseObject({
    policy: z.string(),
    from: z.iso.date().nullable(),
    to: z.iso.date().nullable(),
    stages: z.array(
      z.looseObject({
        stage: z.number().int(),
        title: z.string(),
        entered: z.number().int(),
        resolvedAt: z.number().int(),
        breached: z.number().int(),
        escalated: z.number().int(),
        medianWorkingDays: z.number().nullable(),
      }),
    ),
    overall: z.looseObject(caseCounts),
    onTimeDefinition: z.string(),
    byCategory: z.array(z.looseObject({ category: z.string(), ...caseCounts })),
    byAgency: z.array(z.looseObject({ agency: z.string(), ...caseCounts })),
    onTimeByMonth: z
      .array(
        z.looseObject({
          month: z.string().regex(/^\d{4}-\d{2}$/),
          due: z.number().int(),
          onTime: z.number().int(),
          rate: z.number().nullable(),
        }),
      )
      .meta({
        description:
          'the on-time measure by the month each stage was due (yyyy-mm), oldest first: stages measured, those on time, and the rate; months with none measured are left out',
      }),
    ...delays,
  })
  .meta({ id: 'TimelinessReport' });

const LearningItemSchema = z.looseObject({
  ref: z.string(),
  at: z.iso.datetime(),
  stage: z.number().int(),
  category: z.string(),
  agency: z.string().nullable(),
  text: z.string(),
});

const LearningByCategorySchema = z.looseObject({
  category: z.string(),
  label: z.string(),
  count: z.number().int(),
  learning: z.array(LearningItemSchema),
});

const LearningByAgencySchema = z.looseObject({
  agency: z.string().nullable(),
  count: z.number().int(),
  learning: z.array(LearningItemSchema),
});

export const AnnualReportSchema = z
  .looseObject({
    policy: z.string(),
    year: z.number().int(),
    finalStage: z.number().int(),
    reachedFinalStage: z.array(
      z.looseObject({
        ref: z.string(),
        raisedAt: z.iso.datetime(),
        status: z.string(),
        closedAt: z.iso.datetime().nullable(),
        agency: z.string(),
        otherAgency: z.string(),
        category: z.string(),
        finalStage: z.looseObject({
          startedAt: z.iso.datetime(),
          dueDate: z.iso.date().nullable(),
          outcome: z.string().nullable(),
        }),
      }),
    ),
    figures: z.looseObject({
      raised: z.number().int(),
      open: z.number().int(),
      resolved: z.number().int(),
      withdrawn: z.number().int(),
      decided: z.number().int(),
      resolvedPerStage: z.array(
        z.looseObject({ stage: z.number().int(), resolved: z.number().int() }),
      ),
      breaches: z.number().int(),
      onTimeRate: z.number().min(0).max(1).nullable(),
      medianWorkingDaysToClose: z.number().nullable(),
    }),
    onTimeDefinition: z.string(),
    ...delays,
    learning: z.looseObject({
      items: z.array(LearningItemSchema),
      byCategory: z.array(LearningByCategorySchema),
      byAgency: z.array(LearningByAgencySchema),
    }),
  })
  .meta({ id: 'AnnualReport' });

export const LearningReportSchema = z
  .looseObject({
    policy: z.string(),
    from: z.iso.date().nullable(),
    to: z.iso.date().nullable(),
    learning: z.array(LearningItemSchema),
    byCategory: z.array(LearningByCategorySchema),
    byAgency: z.array(LearningByAgencySchema),
  })
  .meta({ id: 'LearningReport' });
