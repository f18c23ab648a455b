import { parseArgs } from 'node:util';
import { importHolidayFile } from '@escalations/domain/files';
import { UsageError } from './deadlines.command';

export const CALENDARS_USAGE = `Usage: npm run -s calendars -- import <calendar-id> <file> [--dry-run]

Reads a published list of holidays into policies/calendars/<calendar-id>.yaml and prints
what changed (added, removed, renamed days), with each year's source:
  GOV.UK's bank-holidays.json (https://www.gov.uk/bank-holidays.json) for england-and-wales,
  scotland and northern-ireland; an iCalendar (.ics) file for guernsey and alderney.
  --dry-run   only print what would change
A running service takes the new file up on POST /api/v1/calendars/<calendar-id>/reload (admin)
or a restart, and moves the due dates of open stages not yet due.`;

/** The `calendars` command: returns what to print, or throws a UsageError saying what is wrong. */
export function calendarsCommand(
  argv: string[],
  options: { policiesDir: string; today: string },
): string {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return CALENDARS_USAGE;
  const [action, calendarId, file, ...rest] = positionals;
  if (action !== 'import')
    throw new UsageError(`unknown action "${action ?? ''}": expected import`);
  if (!calendarId || !file) throw new UsageError('import needs a calendar id and a file');
  if (rest.length > 0) throw new UsageError(`unexpected ${rest.join(' ')}`);
  return importHolidayFile(options.policiesDir, calendarId, file, {
    dryRun: values['dry-run'],
    today: options.today,
  }).lines.join('\n');
}
