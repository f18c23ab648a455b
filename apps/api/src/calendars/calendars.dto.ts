import { z } from 'zod';

export const WorkingDaysQuerySchema = z
  .strictObject({
    from: z.iso.date({ error: 'expected a date, yyyy-mm-dd' }),
    to: z.iso.date({ error: 'expected a date, yyyy-mm-dd' }),
  })
  .refine((query) => query.from <= query.to, { message: 'from must not be after to', path: ['to'] })
  .refine((query) => (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 <= 366 * 2, {
    message: 'at most two years at a time',
    path: ['to'],
  });
export type WorkingDaysQuery = z.infer<typeof WorkingDaysQuerySchema>;
