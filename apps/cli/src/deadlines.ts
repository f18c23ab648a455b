import { InvalidFileError } from '@escalations/domain';
import { deadlinesCommand, DEADLINES_USAGE, UsageError } from './deadlines.command';
import { loadLibrary } from './load-library';
import { oneLine } from './one-line';

try {
  process.stdout.write(`${deadlinesCommand(process.argv.slice(2), loadLibrary())}\n`);
} catch (error) {
  if (
    error instanceof UsageError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(`deadlines: ${(error as Error).message}\n\n${DEADLINES_USAGE}\n`);
    process.exitCode = 2;
  } else if (error instanceof InvalidFileError) {
    process.stderr.write(`The policy files have problems:\n${error.message}\n`);
    process.exitCode = 1;
  } else {
    // Never a stack trace: one line a person can act on.
    process.stderr.write(`deadlines: ${oneLine(error)}\n`);
    process.exitCode = 2;
  }
}
