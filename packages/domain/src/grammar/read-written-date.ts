import { dayNumberOf, isIsoDate, isoWeekdayOf, type IsoDate } from '../time/local-date';
import { MONTH_NAMES } from '../time/month-names';

/** A date at the start of a line, the text after it, or a problem naming what was typed. */
export type WrittenDate = { date: IsoDate; rest: string } | { problem: string; rest: string };

const MONTH_WORD =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY_WORD = '(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?';
const WEEKDAY = `(?:${WEEKDAY_WORD}\\.?,?\\s+)?`;
/** the weekday written before a date, captured to check it against the date */
const NAMED_WEEKDAY = `(?:(?<weekday>${WEEKDAY_WORD})\\.?,?\\s+)?`;
const ORDINAL = '(?:st|nd|rd|th)?';
/** What may separate the date from the reason that follows it on the line. */
const AFTER = '(?![\\w/.-]*\\d)[\\s:.,;]*(?:[-–—]\\s+)?(.*)$';

const ISO = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${AFTER}`);
const NUMERIC = new RegExp(`^(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4}|\\d{2})${AFTER}`);
const DAY_MONTH_YEAR = new RegExp(
  `^${NAMED_WEEKDAY}(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH_WORD},?\\s+(\\d{4})${AFTER}`,
  'i',
);
const MONTH_DAY_YEAR = new RegExp(
  `^${NAMED_WEEKDAY}${MONTH_WORD}\\s+(\\d{1,2})${ORDINAL},?\\s+(\\d{4})${AFTER}`,
  'i',
);
const NO_YEAR = new RegExp(
  `^${WEEKDAY}(?:(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH_WORD}|${MONTH_WORD}\\s+(\\d{1,2})${ORDINAL}|(\\d{1,2})/(\\d{1,2}))(?![/.\\d])`,
  'i',
);

/**
 * A date as people in the UK write one after `EXTEND TO`: `2026-12-14`, `14/12/2026`
 * (day first), `14 December 2026`, `Monday 14th Dec 2026`, `December 14, 2026`. A numeric
 * date that reads as a different date month first (`03/04/2027`) and a date without its
 * year are refused as ambiguous, naming what was typed and how to write it; a deadline
 * misread by a month is worse than one more email. Null when the line does not start with
 * anything like a date.
 */
export function readWrittenDate(line: string): WrittenDate | null {
  const text = line.trim();
  const iso = ISO.exec(text);
  if (iso) return dated(text, Number(iso[1]), Number(iso[2]), Number(iso[3]), iso[4]);

  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const day = Number(numeric[1]);
    const month = Number(numeric[2]);
    const typedYear = numeric[3] ?? '';
    const year = typedYear.length === 2 ? 2000 + Number(typedYear) : Number(typedYear);
    const rest = numeric[4] ?? '';
    const typed = text.slice(0, text.length - rest.length).replace(/[\s:.,;–—-]+$/, '');
    if (day <= 12 && month <= 12 && day !== month && isReal(year, month, day)) {
      return {
        problem:
          `EXTEND TO ${typed} is ambiguous: ${spoken(year, month, day)} or ${spoken(year, day, month)}? ` +
          `Write the month as a word (EXTEND TO ${spoken(year, month, day)}) or the date as yyyy-mm-dd (EXTEND TO ${iso8601(year, month, day)})`,
        rest,
      };
    }
    if (!isReal(year, month, day)) {
      return {
        problem: `EXTEND TO ${typed}: there is no such date (dates are read day first, dd/mm/yyyy)`,
        rest,
      };
    }
    return dated(text, year, month, day, rest);
  }

  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) {
    const written = dated(text, Number(dmy[4]), monthOf(dmy[3]), Number(dmy[2]), dmy[5]);
    return withWeekday(written, dmy.groups?.['weekday'], text);
  }
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) {
    const written = dated(text, Number(mdy[4]), monthOf(mdy[2]), Number(mdy[3]), mdy[5]);
    return withWeekday(written, mdy.groups?.['weekday'], text);
  }

  const noYear = NO_YEAR.exec(text);
  if (noYear) {
    const typed = noYear[0].trim();
    return {
      problem: `EXTEND TO ${typed} is ambiguous: which year? Write it in full, e.g. EXTEND TO 14 December 2026`,
      rest: text.slice(noYear[0].length),
    };
  }
  return null;
}

function dated(
  text: string,
  year: number,
  month: number,
  day: number,
  rest: string | undefined,
): WrittenDate {
  const after = rest ?? '';
  if (!isReal(year, month, day)) {
    const typed = text.slice(0, text.length - after.length).replace(/[\s:.,;–—-]+$/, '');
    return { problem: `EXTEND TO ${typed}: there is no such date`, rest: after };
  }
  return { date: iso8601(year, month, day), rest: after };
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** A weekday written with the date must be that date's: "Friday 14 December 2026" is not. */
function withWeekday(written: WrittenDate, weekday: string | undefined, text: string): WrittenDate {
  if (!('date' in written) || weekday === undefined) return written;
  const actual = WEEKDAYS[isoWeekdayOf(dayNumberOf(written.date)) - 1] ?? '';
  if (actual.startsWith(weekday.toLowerCase().slice(0, 3))) return written;
  const typed = text.slice(0, text.length - written.rest.length).replace(/[\s:.,;–—-]+$/, '');
  const [year, month, day] = written.date.split('-').map(Number) as [number, number, number];
  return {
    problem: `EXTEND TO ${typed} is ambiguous: ${spoken(year, month, day)} is a ${actual.charAt(0).toUpperCase()}${actual.slice(1)}. Write the date you mean`,
    rest: written.rest,
  };
}

function monthOf(word: string | undefined): number {
  const typed = (word ?? '').toLowerCase().replace(/\.$/, '');
  return MONTH_NAMES.findIndex((month) => month.toLowerCase().startsWith(typed.slice(0, 3))) + 1;
}

function isReal(year: number, month: number, day: number): boolean {
  return isIsoDate(iso8601(year, month, day));
}

function iso8601(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function spoken(year: number, month: number, day: number): string {
  return `${day} ${MONTH_NAMES[month - 1] ?? ''} ${year}`;
}
