import type { IsoDate } from '../../time/local-date';

/** Holidays read from a published list, by year, before they are merged into a calendar. */
export interface ImportedYear {
  year: number;
  holidays: { date: IsoDate; name: string }[];
}

/** A file that cannot be read as holidays: a sentence saying what is wrong with it. */
export class HolidayFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HolidayFileError';
  }
}

/** Group dated holidays by year, each year's in date order; one name per date. */
export function byYear(holidays: { date: IsoDate; name: string }[]): ImportedYear[] {
  const years = new Map<number, Map<IsoDate, string>>();
  for (const holiday of holidays) {
    const year = Number(holiday.date.slice(0, 4));
    const days = years.get(year) ?? new Map<IsoDate, string>();
    const known = days.get(holiday.date);
    days.set(
      holiday.date,
      known && known !== holiday.name ? `${known}; ${holiday.name}` : holiday.name,
    );
    years.set(year, days);
  }
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, days]) => ({
      year,
      holidays: [...days.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([date, name]) => ({ date, name })),
    }));
}
