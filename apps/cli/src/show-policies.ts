import { InvalidFileError } from '@escalations/domain';
import { loadLibrary } from './load-library';
import { oneLine } from './one-line';
import { showPoliciesCommand } from './show-policies.command';

try {
  process.stdout.write(`${showPoliciesCommand(loadLibrary())}\n`);
} catch (error) {
  if (error instanceof InvalidFileError) {
    process.stderr.write(
      `The policy files have problems; nothing was started:\n${error.message}\n`,
    );
    process.exitCode = 1;
  } else {
    process.stderr.write(`policies: ${oneLine(error)}\n`);
    process.exitCode = 2;
  }
}
