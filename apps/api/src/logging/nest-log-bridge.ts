import type { LoggerService } from '@nestjs/common';
import type { Log } from '@escalations/db/log';

/**
 * Nest's own logging, into the service's log. Its progress lines (modules loaded, routes
 * mapped) are not needed; its warnings and errors are kept by the component that raised
 * them and the error's kind and codes, never a message, which may quote a request.
 */
export class NestLogBridge implements LoggerService {
  constructor(private readonly out: Log) {}

  log(): void {}

  error(message: unknown, ...rest: unknown[]): void {
    this.out.error('framework.error', fieldsOf(message, rest));
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.out.warn('framework.warning', fieldsOf(message, rest));
  }
}

function fieldsOf(message: unknown, rest: unknown[]): { component?: string; error?: unknown } {
  const component = rest.at(-1);
  const error = [message, ...rest].find((part) => part instanceof Error);
  return {
    ...(typeof component === 'string' ? { component } : {}),
    ...(error ? { error } : {}),
  };
}
