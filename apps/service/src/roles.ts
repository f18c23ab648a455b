/**
 * What this process runs. Embedded PGlite serves one process, so by default every role runs
 * in one (`all`); on Postgres the API (with the deadline scheduler) and the mail role can run
 * apart, each scaled on its own.
 */
export const ROLES = ['api', 'mail', 'all'] as const;
export type Role = (typeof ROLES)[number];

export class RoleArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoleArgumentError';
  }
}

/** `--role api`, `--role=mail`, or nothing (every role); anything else is refused, naming what is allowed. */
export function roleFromArguments(args: readonly string[]): Role {
  let role: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--role') {
      role = args[i + 1];
      if (role === undefined)
        throw new RoleArgumentError(`--role needs one of ${ROLES.join(', ')}`);
      i += 1;
    } else if (arg.startsWith('--role=')) {
      role = arg.slice('--role='.length);
    } else {
      throw new RoleArgumentError(
        `unknown argument ${arg}: the only one is --role ${ROLES.join('|')}`,
      );
    }
  }
  if (role === undefined) return 'all';
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new RoleArgumentError(`--role ${role}: expected one of ${ROLES.join(', ')}`);
  }
  return role as Role;
}

export const runsApi = (role: Role): boolean => role === 'api' || role === 'all';
export const runsMail = (role: Role): boolean => role === 'mail' || role === 'all';
