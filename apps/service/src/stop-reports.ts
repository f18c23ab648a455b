import type { Log } from '@escalations/db/log';
import { loggableCrash } from '@escalations/db';

type Write = (line: string) => void;

/**
 * Why the service did not start: the `service.not-started` event on the log, and, for an
 * error the service wrote itself (a bad setting, a policy file, a role), its sentence on
 * standard error, since that is the operator's fix and the log carries only the error's kind.
 * Any other error's message may quote a query's parameters, so only its kind and frames go out.
 */
export function reportNotStarted(
  log: Log | null,
  error: unknown,
  known: boolean,
  stderr: Write = (line) => process.stderr.write(line),
): void {
  log?.error('service.not-started', { error, frames: !known });
  if (known) stderr(`Not started: ${(error as Error).message}\n`);
  else if (!log) stderr(`Not started: ${loggableCrash(error)}\n`);
}

/** An error nothing caught: `service.stopped` with its kind and where it was thrown. */
export function reportStopped(
  log: Log | null,
  error: unknown,
  stderr: Write = (line) => process.stderr.write(line),
): void {
  if (log) log.error('service.stopped', { error, frames: true });
  else stderr(`Stopped: ${loggableCrash(error)}\n`);
}
