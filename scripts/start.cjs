// `npm start`: every role of the service in one process — the API with the deadline
// scheduler, the SMTP intake, the processor and the outbox sender — sharing one database.
// Embedded PGlite cannot be shared between processes, so this is how it runs by default;
// with DATABASE_URL the roles can also run apart (`npm run start:api`, `npm run start:mail`).
// This file only composes: the apps never import each other, so the composition lives here.
const {
  bootService,
  ConfigError,
  describeRolesWithoutAddress,
  loadServiceConfig,
  partnershipRolesWithoutAddress,
} = require('@escalations/casework');
const { DataFolderInUseError, loggableCrash } = require('@escalations/db');
const { InvalidFileError } = require('@escalations/domain');
const { startApiRole } = require('../apps/api/dist/start-api');
const { startMailRole } = require('../apps/mail/dist/start-mail');

async function main() {
  const config = loadServiceConfig(process.env);
  const foundation = await bootService(config);
  const clock = () => new Date();
  const log = (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const api = await startApiRole(foundation, clock);
  const mail = await startMailRole({ ...foundation, database: foundation.database.db, clock, log });
  const lines = [
    '',
    `API               ${api.url}/api/v1   (docs ${api.url}/api/docs, health ${api.url}/health)`,
    `SMTP intake       ${mail.smtpAddress}`,
    `Mailboxes         ${mail.mailboxes.join(', ')}`,
    `Outgoing mail     ${mail.outgoing}`,
    `Database          ${foundation.database.location}`,
    `Deadline sweeps   every ${config.SCHEDULER_INTERVAL_SECONDS} s`,
  ];
  const unaddressed = describeRolesWithoutAddress(
    partnershipRolesWithoutAddress(foundation.mail, foundation.library),
  );
  if (unaddressed.length > 0) lines.push('', ...unaddressed);
  if (api.firstAdminKey) {
    lines.push(
      '',
      'First run: an admin API key was made. It is shown this once; keep it safe:',
      `  ${api.firstAdminKey}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    Promise.allSettled([mail.stop(), api.stop()])
      .then(() => foundation.database.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  const known =
    error instanceof ConfigError ||
    error instanceof InvalidFileError ||
    error instanceof DataFolderInUseError;
  // A message the service did not write may quote a query's parameters: case details.
  process.stderr.write(`Not started: ${known ? error.message : loggableCrash(error)}\n`);
  process.exitCode = 1;
});

function stopOn(error) {
  process.stderr.write(`Stopped: ${loggableCrash(error)}\n`);
  process.exit(1);
}
// Node's own report of a crash prints the error's message, parameters and all.
process.on('uncaughtException', stopOn);
process.on('unhandledRejection', stopOn);
