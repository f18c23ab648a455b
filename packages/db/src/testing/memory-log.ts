import { createLogger, type LogRole, type Log } from '../log';
import type { LogLevel } from '../log/log-settings';

export interface MemoryLog {
  log: Log;
  /** every line written, as written */
  lines: string[];
  /** every line, parsed */
  entries(): Record<string, unknown>[];
}

/** The service's log, in JSON, kept in memory for a test to read. */
export function memoryLog(role: LogRole, level: LogLevel = 'debug'): MemoryLog {
  const lines: string[] = [];
  const log = createLogger(
    {
      role,
      level,
      format: 'json',
      destination: {
        write: (line: string) => void lines.push(...line.split('\n').filter(Boolean)),
      },
    },
    {},
  );
  return {
    log,
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
