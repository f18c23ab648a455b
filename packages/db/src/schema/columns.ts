import { date, timestamp } from 'drizzle-orm/pg-core';

/** Instants are stored in UTC and come back as Date objects. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Local calendar dates (`yyyy-mm-dd`) of a stage's deadline, as strings. */
export const localDate = (name: string) => date(name, { mode: 'string' });
