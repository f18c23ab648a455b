import pino, { type DestinationStream, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import { LOG_EVENTS, type LogEvent } from './log-events';
import { loggableFields, type LogFields } from './log-fields';
import { logSettingsOf, type LogSettings } from './log-settings';

/** Which part of the service wrote a line. The scheduler runs in the API's process. */
export type LogRole = 'api' | 'mail' | 'scheduler' | 'cli';

/**
 * The service's log: one JSON object a line (level, time, role, event and msg, then ids and
 * codes). A call names an event from `LOG_EVENTS` and typed fields, so it cannot be handed a
 * name, an address or someone's words.
 */
export interface Log {
  readonly role: LogRole;
  error(event: LogEvent, fields?: LogFields): void;
  warn(event: LogEvent, fields?: LogFields): void;
  info(event: LogEvent, fields?: LogFields): void;
  debug(event: LogEvent, fields?: LogFields): void;
  /** the same output under another role */
  as(role: LogRole): Log;
  /** the pino logger beneath (for nestjs-pino's request log), bound to this role */
  readonly pino: Logger;
}

export interface LogOptions extends Partial<LogSettings> {
  role: LogRole;
  /** where lines go: standard output by default */
  destination?: DestinationStream;
}

/**
 * A second guard behind the typed fields, for lines pino writes on its own (the request log)
 * and any object that reaches it some other way: the keys that hold people's details.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  ...[
    'caseName',
    'name',
    'email',
    'address',
    'subject',
    'text',
    'body',
    'from',
    'to',
    'cc',
  ].flatMap((key) => [key, `*.${key}`]),
];

/** The log for a role, as LOG_LEVEL and LOG_FORMAT (from `env`) ask. */
export function createLogger(
  options: LogOptions,
  env: Record<string, string | undefined> = process.env,
): Log {
  const settings = { ...logSettingsOf(env), ...definedOf(options) };
  const destination: DestinationStream = options.destination ?? process.stdout;
  const root = pino(
    {
      level: settings.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    settings.format === 'pretty'
      ? pinoPretty({
          destination,
          sync: true,
          colorize: destination === process.stdout && process.stdout.isTTY,
          translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
          messageFormat: '{role} {msg}',
          ignore: 'role,event',
        })
      : destination,
  );
  return roleLog(root, options.role);
}

function roleLog(root: Logger, role: LogRole): Log {
  const bound = root.child({ role });
  const write =
    (level: 'error' | 'warn' | 'info' | 'debug') =>
    (event: LogEvent, fields: LogFields = {}) => {
      if (!bound.isLevelEnabled(level)) return;
      bound[level]({ event, ...loggableFields(fields) }, LOG_EVENTS[event]);
    };
  return {
    role,
    pino: bound,
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    as: (other) => roleLog(root, other),
  };
}

function definedOf(options: LogOptions): Partial<LogSettings> {
  return {
    ...(options.level ? { level: options.level } : {}),
    ...(options.format ? { format: options.format } : {}),
  };
}
