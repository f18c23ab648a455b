import { parseArgs } from 'node:util';
import {
  DataFolderInUseError,
  openDatabase,
  type ApiKeyRole,
  type DatabaseHandle,
} from '@escalations/db';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { CreateApiKeyBodySchema } from './api-keys/api-keys.dto';
import { ApiKeyService } from './auth/api-key.service';
import { EVERY_POLICY } from './auth/scope';
import { ApiError } from './common/api-error';
import { ConfigError, databaseOptionsOf, loadConfig } from './config/app-config';

/** Where the command writes: the terminal in `apikey.cli.ts`, a buffer in tests. */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes: 0 done, 1 refused or failed (nothing changed), 2 the command line is wrong. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

export const USAGE = `Usage:
  npm run apikey -- create --role <admin|auditor|inbound> [--policy <id>]... [--label "<label>"]
  npm run apikey -- list
  npm run apikey -- revoke <id>

A key sees only the cases of the policies (partnerships) it names with --policy, one or
more; without --policy it is the operator's (*): every partnership, and every key.
Without --label the key is named after its role, scope and day: "auditor nel 2026-12-06".

Manages the API keys of the database the API uses (DATABASE_URL, else PGlite under DATA_DIR).
With the embedded PGlite database, stop the service first, or use its API (/api/v1/api-keys
with an admin key): PGlite serves one process at a time, and this refuses while it runs.
`;

type Request =
  | {
      command: 'create';
      role: ApiKeyRole;
      label: string;
      policies: string[];
      /** the label was made up (no --label), and the output says so */
      defaultLabel: boolean;
    }
  | { command: 'list' }
  | { command: 'revoke'; id: string }
  | { command: 'help' };

class UsageError extends Error {}

/** The command line, checked before anything is opened, with the same rules as the HTTP body. */
export function parseApiKeyArgs(argv: readonly string[], today: Date = new Date()): Request {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    // node:util's own messages name the option that is wrong
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  const [command, ...rest] = positionals;
  switch (command) {
    case 'create': {
      if (rest.length > 0)
        throw new UsageError(
          `create takes no arguments besides --role, --label and --policy, not "${rest.join(' ')}"`,
        );
      const policies = values.policy ?? [EVERY_POLICY];
      const body = CreateApiKeyBodySchema.safeParse({
        role: values.role,
        label: values.label ?? defaultLabel(String(values.role), policies, today),
        policies,
      });
      if (!body.success) {
        throw new UsageError(
          body.error.issues
            .map(
              (issue) =>
                `--${issue.path[0] === 'policies' ? 'policy' : issue.path.join('.')}: ${issue.message}`,
            )
            .join('\n'),
        );
      }
      return {
        command: 'create',
        ...body.data,
        policies: body.data.policies ?? [EVERY_POLICY],
        defaultLabel: values.label === undefined,
      };
    }
    case 'list':
      noOptions('list', values, rest);
      return { command: 'list' };
    case 'revoke': {
      noOptions('revoke', values, []);
      if (rest.length !== 1)
        throw new UsageError(
          'revoke needs the id of one key (`npm run apikey -- list` shows them)',
        );
      return { command: 'revoke', id: rest[0]! };
    }
    case undefined:
      throw new UsageError('say what to do: create, list or revoke');
    default:
      throw new UsageError(`unknown command "${command}": expected create, list or revoke`);
  }
}

/**
 * A key made without --label still tells, in lists and the access log, whose it is and
 * since when: its role, its partnerships and the day (UTC) it was made.
 */
function defaultLabel(role: string, policies: readonly string[], today: Date): string {
  const day = today.toISOString().slice(0, 10);
  const label = `${role} ${policies.join(',')} ${day}`;
  // the label is at most 100 characters, and a policy id up to 40
  return label.length <= 100 ? label : `${role} ${policies.length} partnerships ${day}`;
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      role: { type: 'string' },
      label: { type: 'string' },
      policy: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
}

function noOptions(
  command: string,
  values: { role?: string | undefined; label?: string | undefined; policy?: string[] | undefined },
  rest: string[],
): void {
  if (
    values.role !== undefined ||
    values.label !== undefined ||
    values.policy !== undefined ||
    rest.length > 0
  ) {
    throw new UsageError(`${command} takes no options${command === 'list' ? ' or arguments' : ''}`);
  }
}

/**
 * `npm run apikey -- create|list|revoke`: the API's own key logic (ApiKeyService, so the
 * rules are the API's: hashes only, never the last admin key) on the API's database, after
 * its migrations, without starting HTTP. Returns the exit code.
 */
export async function runApiKeyCommand(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  output: CommandOutput,
): Promise<number> {
  let request: Request;
  try {
    request = parseApiKeyArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`${error.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (request.command === 'help') {
    output.out(USAGE);
    return EXIT.ok;
  }

  let options;
  try {
    options = databaseOptionsOf(loadConfig(env));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    output.err(`Not run: ${error.message}\n`);
    return EXIT.refused;
  }
  if (request.command === 'create') {
    const unknown = unknownPolicies(request.policies, env);
    if (unknown) {
      output.err(`${unknown}\n\n${USAGE}`);
      return EXIT.usage;
    }
  }
  let database: DatabaseHandle;
  try {
    database = await openDatabase({ ...options, poolSize: 1, role: 'apikey' });
  } catch (error) {
    if (!(error instanceof DataFolderInUseError)) throw error;
    output.err(`Not run: ${inUse(error, request.command)}\n`);
    return EXIT.refused;
  }
  try {
    await database.migrate();
    const keys = new ApiKeyService(database.db, () => new Date());
    switch (request.command) {
      case 'create': {
        const created = await keys.create(request.role, request.label, request.policies);
        output.out(
          [
            `API key created. It is shown this once; keep it safe:`,
            ``,
            `  ${created.key}`,
            ``,
            `id:     ${created.id}`,
            `role:   ${created.role}`,
            `label:  ${created.label}${request.defaultLabel ? '   (the default: --label names a key)' : ''}`,
            `scope:  ${created.policies.join(', ')}`,
            ``,
          ].join('\n'),
        );
        return EXIT.ok;
      }
      case 'list': {
        const listed = await keys.list();
        output.out(listed.length === 0 ? 'No API keys.\n' : formatKeys(listed));
        return EXIT.ok;
      }
      case 'revoke': {
        const revoked = await keys.revoke(request.id);
        output.out(`Revoked ${revoked.role} key ${revoked.id} ("${revoked.label}").\n`);
        return EXIT.ok;
      }
    }
  } catch (error) {
    // The service's refusals (no such key, the last admin key) are the operator's to act on.
    if (!(error instanceof ApiError)) throw error;
    output.err(`Not done: ${messageOf(error)}\n`);
    return EXIT.refused;
  } finally {
    await database.close();
  }
}

/** The --policy ids no policy in force has (POLICIES_DIR, else the repository's), as one line. */
function unknownPolicies(
  policies: readonly string[],
  env: Record<string, string | undefined>,
): string | null {
  const named = policies.filter((id) => id !== EVERY_POLICY);
  if (named.length === 0) return null;
  const library = readPolicyLibrary(env.POLICIES_DIR ?? defaultPoliciesDir(__dirname));
  const unknown = named.filter((id) => !library.policies.has(id));
  return unknown.length === 0
    ? null
    : `--policy: no policy ${unknown.join(', ')} (the policies are ${[...library.policies.keys()].join(', ')})`;
}

/** One line: who holds the folder, and the API call that does the same through it. */
function inUse(error: DataFolderInUseError, command: 'create' | 'list' | 'revoke'): string {
  const { holder, dataDir } = error;
  const call = {
    create: 'create the key through its API: POST /api/v1/api-keys',
    list: 'list the keys through its API: GET /api/v1/api-keys',
    revoke: 'revoke the key through its API: DELETE /api/v1/api-keys/<id>',
  }[command];
  const where = holder.apiUrl ? ` at ${holder.apiUrl}` : '';
  return `the ${holder.role} (pid ${holder.pid}, ${holder.command}) holds ${dataDir}; stop it first, or ${call}${where} with an admin key`;
}

function messageOf(error: ApiError): string {
  const body = error.getResponse() as { error?: { message?: string } };
  return body.error?.message ?? error.message;
}

function formatKeys(keys: Awaited<ReturnType<ApiKeyService['list']>>): string {
  const rows = [
    ['id', 'role', 'scope', 'label', 'prefix', 'created', 'last used', 'revoked'],
    ...keys.map((key) => [
      key.id,
      key.role,
      key.policies.join(','),
      key.label,
      key.prefix,
      key.createdAt,
      key.lastUsedAt ?? '-',
      key.revokedAt ?? '-',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}
