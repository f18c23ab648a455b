import { ConfigError, loadServiceConfig } from '@escalations/casework';
import { DataFolderInUseError, loggableCrash } from '@escalations/db';
import { InvalidFileError } from '@escalations/domain';
import { roleFromArguments, RoleArgumentError } from './roles';
import { startService } from './start-service';

/**
 * `npm start` (every role), `npm run start:api`, `npm run start:mail` and the image's command:
 * `node apps/service/dist/main.js [--role api|mail|all]`.
 */
async function main(): Promise<void> {
  const role = roleFromArguments(process.argv.slice(2));
  const config = loadServiceConfig(process.env);
  const running = await startService(config, role);
  process.stdout.write(`${running.banner.join('\n')}\n\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void running.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const known =
    error instanceof RoleArgumentError ||
    error instanceof ConfigError ||
    error instanceof InvalidFileError ||
    error instanceof DataFolderInUseError;
  // A message the service did not write may quote a query's parameters: case details.
  process.stderr.write(`Not started: ${known ? error.message : loggableCrash(error)}\n`);
  process.exitCode = 1;
});

// Node's own report of a crash prints the error's message, parameters and all.
const stopOn = (error: unknown) => {
  process.stderr.write(`Stopped: ${loggableCrash(error)}\n`);
  process.exit(1);
};
process.on('uncaughtException', stopOn);
process.on('unhandledRejection', stopOn);
