import { ConfigError, loadServiceConfig } from '@escalations/casework';
import { DataFolderInUseError } from '@escalations/db';
import { createLogger, LogSettingsError, type Log } from '@escalations/db/log';
import { InvalidFileError } from '@escalations/domain';
import { roleFromArguments, RoleArgumentError } from './roles';
import { startService } from './start-service';
import { reportNotStarted, reportStopped } from './stop-reports';

/** null until LOG_LEVEL and LOG_FORMAT are read (a bad one is reported on standard error) */
let log: Log | null = null;

/**
 * `npm start` (every role), `npm run start:api`, `npm run start:mail` and the image's command:
 * `node apps/service/dist/main.js [--role api|mail|all]`.
 */
async function main(): Promise<void> {
  log = createLogger({ role: 'api' });
  const role = roleFromArguments(process.argv.slice(2));
  const config = loadServiceConfig(process.env);
  // Listening before anything is started or printed: a supervisor that stops the service as
  // soon as it reads the banner (or while it starts) gets a clean stop, never the default
  // action of a signal nobody listens for yet.
  let running: Awaited<ReturnType<typeof startService>> | null = null;
  let stopping = false;
  const stopNow = (started: NonNullable<typeof running>) =>
    void started.stop().finally(() => process.exit(0));
  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (running) stopNow(running);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  running = await startService(config, role, { log });
  if (stopping) return stopNow(running);
  process.stdout.write(`${running.banner.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  const known =
    error instanceof RoleArgumentError ||
    error instanceof ConfigError ||
    error instanceof InvalidFileError ||
    error instanceof DataFolderInUseError ||
    error instanceof LogSettingsError;
  reportNotStarted(log, error, known);
  process.exitCode = 1;
});

// Node's own report of a crash prints the error's message, parameters and all.
const stopOn = (error: unknown) => {
  reportStopped(log, error);
  process.exit(1);
};
process.on('uncaughtException', stopOn);
process.on('unhandledRejection', stopOn);
