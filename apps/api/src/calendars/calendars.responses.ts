import { z } from 'zod';

export const WorkingDaysSchema = z
  .looseObject({
    calendar: z.string(),
    zone: z.string().meta({ description: 'IANA time zone, e.g. Europe/London' }),
    from: z.iso.date(),
    to: z.iso.date(),
    count: z.number().int(),
    workingDays: z.array(z.iso.date()),
    closedDays: z.array(z.looseObject({ date: z.iso.date(), name: z.string() })),
  })
  .meta({ id: 'WorkingDays' });

export const CalendarReloadSchema = z
  .looseObject({
    calendar: z.string(),
    firstDay: z.iso.date(),
    lastDay: z.iso.date(),
    previousLastDay: z.iso.date().nullable(),
    casesChanged: z.array(z.string()),
    casesFailed: z.array(z.string()),
  })
  .meta({ id: 'CalendarReload' });
