export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogSettings {
  level: LogLevel;
  format: LogFormat;
}

/** A LOG_LEVEL or LOG_FORMAT the service does not know: it stops rather than guess. */
export class LogSettingsError extends Error {
  override name = 'LogSettingsError';
}

/**
 * LOG_LEVEL (info by default) and LOG_FORMAT: `json`, one object a line, for a collector;
 * `pretty` for a person. Unset, it is pretty on a terminal and JSON anywhere else.
 */
export function logSettingsOf(
  env: Record<string, string | undefined>,
  terminal: boolean = process.stdout.isTTY === true,
): LogSettings {
  const level = (env.LOG_LEVEL?.trim() || 'info').toLowerCase();
  const format = env.LOG_FORMAT?.trim().toLowerCase() || (terminal ? 'pretty' : 'json');
  if (!isOneOf(LOG_LEVELS, level))
    throw new LogSettingsError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  if (!isOneOf(LOG_FORMATS, format))
    throw new LogSettingsError(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}`);
  return { level, format };
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
