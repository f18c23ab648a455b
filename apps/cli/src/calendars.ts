import { defaultPoliciesDir } from '@escalations/domain/files';
import { calendarsCommand, CALENDARS_USAGE } from './calendars.command';
import { UsageError } from './deadlines.command';
import { oneLine } from './one-line';

try {
  const output = calendarsCommand(process.argv.slice(2), {
    policiesDir: process.env.POLICIES_DIR ?? defaultPoliciesDir(__dirname),
    today: new Date().toISOString().slice(0, 10),
  });
  process.stdout.write(`${output}\n`);
} catch (error) {
  const usage =
    error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  // Never a stack trace: one line a person can act on (and the usage, for a usage mistake).
  process.stderr.write(`calendars: ${oneLine(error)}\n${usage ? `\n${CALENDARS_USAGE}\n` : ''}`);
  process.exitCode = 2;
}
