import {
  bootService,
  ConfigError,
  describeRolesWithoutAddress,
  loadServiceConfig,
  partnershipRolesWithoutAddress,
  type ServiceFoundation,
} from '@escalations/casework';
import { DataFolderInUseError, loggableCrash } from '@escalations/db';
import { InvalidFileError } from '@escalations/domain';
import { startMailRole } from './start-mail';

/** `npm run start:mail`: the mail role alone, for deployments on Postgres that run roles apart. */
async function main(): Promise<void> {
  const config = loadServiceConfig(process.env);
  const foundation = await bootService(config);
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const mail = await startMailRole({
    ...foundation,
    database: foundation.database.db,
    clock: () => new Date(),
    log,
  });
  process.stdout.write(
    [
      '',
      `SMTP intake       ${mail.smtpAddress}   mailboxes: ${mail.mailboxes.join(', ')}`,
      `Outgoing mail     ${mail.outgoing}`,
      `Database          ${foundation.database.location}`,
      ...rolesWithoutAddress(foundation),
      '',
    ].join('\n'),
  );
  const stop = () => {
    void mail
      .stop()
      .then(() => foundation.database.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const known =
    error instanceof ConfigError ||
    error instanceof InvalidFileError ||
    error instanceof DataFolderInUseError;
  // A message the service did not write may quote a query's parameters: case details.
  const detail = known ? error.message : loggableCrash(error);
  process.stderr.write(`Not started: ${detail}\n`);
  process.exitCode = 1;
});

// Node's own report of a crash prints the error's message, parameters and all.
const stopOn = (error: unknown) => {
  process.stderr.write(`Stopped: ${loggableCrash(error)}\n`);
  process.exit(1);
};
process.on('uncaughtException', stopOn);
process.on('unhandledRejection', stopOn);

/** Partnership roles without an address, after a blank line; nothing when every role has one. */
function rolesWithoutAddress(foundation: ServiceFoundation): string[] {
  const lines = describeRolesWithoutAddress(
    partnershipRolesWithoutAddress(foundation.mail, foundation.library),
  );
  return lines.length > 0 ? ['', ...lines] : [];
}
