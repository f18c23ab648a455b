import { describeRolesWithoutAddress } from '@escalations/casework';
import { DataFolderInUseError, loggableCrash } from '@escalations/db';
import { InvalidFileError } from '@escalations/domain';
import { ConfigError, loadConfig } from './config/app-config';
import { startApi } from './start-api';

/** `npm start`: the API on embedded PGlite (or DATABASE_URL), with what a newcomer needs printed. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const running = await startApi(config);
  const lines = [
    '',
    `Escalations API   ${running.url}/api/v1   (docs: ${running.url}/api/docs, health: ${running.url}/health)`,
    `Database          ${running.database.location}`,
  ];
  const unaddressed = describeRolesWithoutAddress(running.rolesWithoutAddress);
  if (unaddressed.length > 0) lines.push('', ...unaddressed);
  if (running.firstAdminKey) {
    lines.push(
      '',
      'First run: an admin API key was created. It is shown this once; keep it safe:',
      `  ${running.firstAdminKey}`,
      `  curl -H "Authorization: Bearer ${running.firstAdminKey}" ${running.url}/api/v1/policies`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  const stop = () => {
    void running.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof InvalidFileError ||
    error instanceof DataFolderInUseError
  ) {
    process.stderr.write(`Not started: ${error.message}\n`);
  } else {
    // A message the service did not write may quote a query's parameters: case details.
    process.stderr.write(`Not started: ${loggableCrash(error)}\n`);
  }
  process.exitCode = 1;
});

// Node's own report of a crash prints the error's message, parameters and all.
const stopOn = (error: unknown) => {
  process.stderr.write(`Stopped: ${loggableCrash(error)}\n`);
  process.exit(1);
};
process.on('uncaughtException', stopOn);
process.on('unhandledRejection', stopOn);
