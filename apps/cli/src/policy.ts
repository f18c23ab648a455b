import { policyCheckCommand } from './policy-check.command';
import { oneLine } from './one-line';

/** `npm run -s policy -- check <file>`; npm runs scripts at the root, INIT_CWD is where it was typed. */
try {
  const result = policyCheckCommand(
    process.argv.slice(2),
    process.env,
    process.env.INIT_CWD ?? process.cwd(),
  );
  process.stdout.write(`${result.out}\n`);
  process.exitCode = result.code;
} catch (error) {
  // Never a stack trace: one line a person can act on.
  process.stderr.write(`policy: ${oneLine(error)}\n`);
  process.exitCode = 2;
}
