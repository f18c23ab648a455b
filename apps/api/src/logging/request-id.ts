import { randomUUID } from 'node:crypto';
import { REQUEST_ID } from '@escalations/db/log';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * The caller's `X-Request-Id` when it is short and of safe characters (a proxy's or a
 * client's id, so one request can be followed across systems), else one of our own. Anything
 * else a caller sends there is not logged.
 */
export function requestIdOf(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
}
