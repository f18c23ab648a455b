import { annual } from './annual.njk';
import { calendars } from './calendars.njk';
import { caseView } from './case.njk';
import { cases } from './cases.njk';
import { error } from './error.njk';
import { keys } from './keys.njk';
import { layout } from './layout.njk';
import { overview } from './overview.njk';
import { reports } from './reports.njk';
import { signIn } from './sign-in.njk';

/** The console's templates by name, for the view loader. */
export const CONSOLE_VIEWS: Readonly<Record<string, string>> = {
  'layout.njk': layout,
  'sign-in.njk': signIn,
  'error.njk': error,
  'overview.njk': overview,
  'cases.njk': cases,
  'case.njk': caseView,
  'keys.njk': keys,
  'calendars.njk': calendars,
  'reports.njk': reports,
  'annual.njk': annual,
};
