import { PolicySchema } from '@escalations/domain';
import { z } from 'zod';

/** A policy as its file has it, after defaults: the same schema that reads the file. */
export const PolicyViewSchema = PolicySchema.meta({ id: 'Policy' });

export const PolicyListSchema = z.array(PolicyViewSchema);

/** Each stage's deadline if every stage ran to its limit. */
export const PreviewSchema = z
  .array(
    z.looseObject({
      stage: z.number().int().min(1),
      title: z.string(),
      whoActs: z.string(),
      startsAt: z.iso.datetime().nullable(),
      startDate: z.iso.date().nullable(),
      dueDate: z.iso.date().nullable(),
      dueAt: z.iso.datetime().nullable(),
      workingDays: z.number().int().nullable(),
      beyondCalendar: z
        .string()
        .optional()
        .meta({ description: "the calendar's last year is too early to count this date" }),
      source: z.string().nullable(),
    }),
  )
  .meta({ id: 'DeadlinePreview' });
