import { isIsoDate, type IsoDate } from '../time/local-date';

/** A date at the start of a line, the text after it, or a problem naming what was typed. */
export type WrittenDate = { date: IsoDate; rest: string } | { problem: string; rest: string };

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_WORD =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)?';
const ORDINAL = '(?:st|nd|rd|th)?';
/** What may separate the date from the reason that follows it on the line. */
const AFTER = '(?![\\w/.-]*\\d)[\\s:.,;]*(?:[-–—]\\s+)?(.*)$';

const ISO = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${AFTER}`);
const NUMERIC = new RegExp(`^(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4}|\\d{2})${AFTER}`);
const DAY_MONTH_YEAR = new RegExp(
  `^${WEEKDAY}(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH_WORD},?\\s+(\\d{4})${AFTER}`,
  'i',
);
const MONTH_DAY_YEAR = new RegExp(
  `^${WEEKDAY}${MONTH_WORD}\\s+(\\d{1,2})${ORDINAL},?\\s+(\\d{4})${AFTER}`,
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
  if (dmy) return dated(text, Number(dmy[3]), monthOf(dmy[2]), Number(dmy[1]), dmy[4]);
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) return dated(text, Number(mdy[3]), monthOf(mdy[1]), Number(mdy[2]), mdy[4]);

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

function monthOf(word: string | undefined): number {
  const typed = (word ?? '').toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((month) => month.startsWith(typed.slice(0, 3))) + 1;
}

function isReal(year: number, month: number, day: number): boolean {
  return isIsoDate(iso8601(year, month, day));
}

function iso8601(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function spoken(year: number, month: number, day: number): string {
  const name = MONTHS[month - 1] ?? '';
  return `${day} ${name.charAt(0).toUpperCase()}${name.slice(1)} ${year}`;
}
