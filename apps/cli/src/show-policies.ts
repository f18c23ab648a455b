import { InvalidFileError } from '@escalations/domain';
import { loadLibrary } from './load-library';
import { showPoliciesCommand } from './show-policies.command';

try {
  process.stdout.write(`${showPoliciesCommand(loadLibrary())}\n`);
} catch (error) {
  if (!(error instanceof InvalidFileError)) throw error;
  process.stderr.write(`The policy files have problems; nothing was started:\n${error.message}\n`);
  process.exitCode = 1;
}
