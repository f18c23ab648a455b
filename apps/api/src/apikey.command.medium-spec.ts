import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { eq, sql } from 'drizzle-orm';
import { apiKeys, openDatabase, type DatabaseHandle, type DatabaseKind } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { EXIT, USAGE, parseApiKeyArgs, runApiKeyCommand } from './apikey.command';
import { ApiKeyService } from './auth/api-key.service';
import { loadConfig } from './config/app-config';
import { startApi, type RunningApi } from './start-api';

const KEY = /esk_[A-Za-z0-9_-]{43}/g;

/** A database nobody has migrated yet, where the API would find it for this environment. */
interface Target {
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  destroy(): Promise<void>;
}

async function freshTarget(engine: DatabaseKind): Promise<Target> {
  if (engine === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'escalations-apikey-'));
    return {
      env: { DATA_DIR: dir },
      open: () => openDatabase({ dataDir: join(dir, 'pglite') }),
      destroy: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const serverUrl = process.env.DATABASE_URL!;
  const name = `apikey_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const onServer = async (statement: string) => {
    const server = await openDatabase({ url: serverUrl, poolSize: 1 });
    try {
      await server.db.execute(sql.raw(statement));
    } finally {
      await server.close();
    }
  };
  await onServer(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ url: url.toString(), poolSize: 1 }),
    destroy: () => onServer(`drop database if exists "${name}" with (force)`),
  };
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    output: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

async function run(argv: string[], env: Record<string, string>) {
  const io = capture();
  const code = await runApiKeyCommand(argv, env, io.output);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe('the apikey command line', () => {
  let dir: string;
  beforeAll(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'escalations-usage-')), 'never-made');
  });
  afterAll(() => rm(join(dir, '..'), { recursive: true, force: true }));

  it.each([
    ['nothing', [], /^say what to do: create, list or revoke/],
    [
      'an unknown command',
      ['delete', 'x'],
      /^unknown command "delete": expected create, list or revoke/,
    ],
    [
      'an unknown role',
      ['create', '--role', 'owner', '--label', 'x'],
      /^--role: role must be one of admin, auditor, inbound\n/,
    ],
    [
      'no role',
      ['create', '--label', 'x'],
      /^--role: role must be one of admin, auditor, inbound\n/,
    ],
    [
      'a blank label',
      ['create', '--role', 'auditor', '--label', ' '],
      /^--label: label must not be empty\n/,
    ],
    ['--role without its value', ['create', '--label', 'x', '--role'], /--role/],
    ['an unknown option', ['create', '--rol', 'admin'], /--rol\b/],
    [
      'a stray argument to create',
      ['create', 'admin', '--role', 'admin', '--label', 'x'],
      /"admin"/,
    ],
    ['revoke without an id', ['revoke'], /^revoke needs the id of one key/],
    ['revoke with two ids', ['revoke', 'a', 'b'], /^revoke needs the id of one key/],
    ['list with options', ['list', '--role', 'admin'], /^list takes no options/],
  ])(
    'refuses %s with exit code 2, the reason and the usage, opening nothing',
    async (_, argv, reason) => {
      const result = await run(argv, { DATA_DIR: dir });
      expect(result.code).toBe(EXIT.usage);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(reason);
      expect(result.stderr).toContain(USAGE);
      expect(result.stdout).toBe('');
      expect(existsSync(dir)).toBe(false);
    },
  );

  it('takes each role, the webhook’s inbound role among them', () => {
    for (const role of ['admin', 'auditor', 'inbound'])
      expect(parseApiKeyArgs(['create', '--role', role, '--label', 'x'])).toEqual({
        command: 'create',
        role,
        label: 'x',
        policies: ['*'],
        defaultLabel: false,
      });
  });

  it('names a key made without --label after its role, scope and day (issue 13, item 2)', () => {
    const today = new Date('2026-12-06T23:30:00Z');
    const label = (...argv: string[]) =>
      (parseApiKeyArgs(['create', ...argv], today) as { label: string }).label;
    expect(label('--role', 'auditor', '--policy', 'nel')).toBe('auditor nel 2026-12-06');
    expect(label('--role', 'auditor', '--policy', 'nel', '--policy', 'kirklees')).toBe(
      'auditor nel,kirklees 2026-12-06',
    );
    expect(label('--role', 'admin')).toBe('admin * 2026-12-06');
    expect(label('--role', 'auditor', '--label', 'Audit team', '--policy', 'nel')).toBe(
      'Audit team',
    );
    // within the label's 100 characters however many partnerships the key has
    const many = ['a', 'b', 'c', 'd'].map((c) => c.repeat(40));
    expect(label('--role', 'auditor', ...many.flatMap((id) => ['--policy', id]))).toBe(
      'auditor 4 partnerships 2026-12-06',
    );
  });

  it('scopes a key to the partnerships named by --policy, one or more; without it, to every one (*)', () => {
    expect(
      parseApiKeyArgs(['create', '--role', 'auditor', '--label', 'x', '--policy', 'nel']),
    ).toMatchObject({ policies: ['nel'] });
    expect(
      parseApiKeyArgs([
        'create',
        '--role',
        'auditor',
        '--label',
        'x',
        '--policy',
        'nel',
        '--policy',
        'kirklees',
      ]),
    ).toMatchObject({ policies: ['nel', 'kirklees'] });
    expect(() =>
      parseApiKeyArgs(['create', '--role', 'auditor', '--label', 'x', '--policy', 'NEL!']),
    ).toThrow(/--policy: each policy is a policy id/);
  });

  it('refuses a --policy that no policy in force has, naming the ones there are (exit 2)', async () => {
    const result = await run(
      ['create', '--role', 'auditor', '--label', 'x', '--policy', 'nowhere'],
      {
        DATA_DIR: dir,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^--policy: no policy nowhere \(the policies are .*nel/);
  });

  it('prints the usage on --help', async () => {
    const result = await run(['--help'], { DATA_DIR: dir });
    expect([result.code, result.stdout, result.stderr]).toEqual([0, USAGE, '']);
  });

  it('stops with exit code 1 on a bad configuration, naming the variable', async () => {
    const result = await run(['list'], { DATABASE_URL: 'mysql://root@localhost/escalations' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^Not run: configuration is not valid:\n {2}DATABASE_URL: expected postgres:\/\//,
    );
  });
});

describe.each(testEngines())('the apikey command on %s', (engine) => {
  let target: Target;
  beforeEach(async () => {
    target = await freshTarget(engine);
  }, 60_000);
  afterEach(() => target.destroy());

  it('creates a key on a fresh database, printing it once with its id, role and label', async () => {
    const result = await run(['create', '--role', 'auditor', '--label', 'Audit team'], target.env);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const printed = result.stdout.match(KEY) ?? [];
    expect(printed).toHaveLength(1);
    const key = printed[0]!;
    const id = /^id: +([0-9a-f-]{36})$/m.exec(result.stdout)?.[1];
    expect(result.stdout).toMatch(/^role: +auditor$/m);
    expect(result.stdout).toMatch(/^label: +Audit team$/m);
    expect(result.stdout).toMatch(/shown this once/);

    // the command ran the migrations itself, and stored only the hash
    const database = await target.open();
    try {
      const [row] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, id!));
      expect(row).toMatchObject({
        role: 'auditor',
        label: 'Audit team',
        hash: createHash('sha256').update(key).digest('hex'),
        revokedAt: null,
      });
      expect(Object.values(row!).map(String).join(' ')).not.toContain(key);
      const caller = await new ApiKeyService(database.db, () => new Date()).verify(key);
      expect(caller).toEqual({ keyId: id, label: 'Audit team', role: 'auditor', policies: ['*'] });
    } finally {
      await database.close();
    }
  });

  it('creates a key without --label, printing the label it was given (issue 13, item 2)', async () => {
    const result = await run(['create', '--role', 'auditor', '--policy', 'nel'], target.env);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const today = new Date().toISOString().slice(0, 10);
    expect(result.stdout).toMatch(
      new RegExp(`^label: +auditor nel ${today} +\\(the default: --label names a key\\)$`, 'm'),
    );
    expect(result.stdout).toMatch(/^scope: +nel$/m);
    const listed = await run(['list'], target.env);
    expect(listed.stdout).toMatch(new RegExp(` +auditor +nel +auditor nel ${today} +esk_`));
    // two runs, each opening the database afresh: slow on PGlite on disk
  }, 60_000);

  it('lists the keys without their secrets, and revokes by id under the API’s rules', async () => {
    const admin = await run(['create', '--role', 'admin', '--label', 'Ops'], target.env);
    const auditor = await run(['create', '--role', 'auditor', '--label', 'Audit team'], target.env);
    const idOf = (stdout: string) => /^id: +(\S+)$/m.exec(stdout)![1]!;
    const adminId = idOf(admin.stdout);
    const auditorId = idOf(auditor.stdout);

    const listed = await run(['list'], target.env);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id +role +scope +label +prefix +created +last used +revoked$/);
    expect(lines.slice(1).map((line) => line.split(/ {2,}/).slice(0, 4))).toEqual([
      [adminId, 'admin', '*', 'Ops'],
      [auditorId, 'auditor', '*', 'Audit team'],
    ]);
    expect(listed.stdout).not.toMatch(KEY);
    expect(listed.stdout).not.toMatch(/[0-9a-f]{64}/);

    const revoked = await run(['revoke', auditorId], target.env);
    expect([revoked.code, revoked.stdout]).toEqual([
      0,
      `Revoked auditor key ${auditorId} ("Audit team").\n`,
    ]);
    const again = await run(['revoke', auditorId], target.env);
    expect([again.code, again.stdout]).toEqual([1, '']);
    expect(again.stderr).toMatch(/^Not done: an active API key with id .* was not found\n$/);

    const last = await run(['revoke', adminId], target.env);
    expect(last.code).toBe(1);
    expect(last.stderr).toBe(
      'Not done: this is the last active admin key: create another admin key first\n',
    );
    const after = await run(['list'], target.env);
    expect(after.stdout).toMatch(
      new RegExp(`^${auditorId} +auditor +\\* +Audit team .* \\d{4}-\\d\\d-\\d\\dT`, 'm'),
    );
    expect(after.stdout).toMatch(new RegExp(`^${adminId} +admin +\\* +Ops .* -$`, 'm'));
    // seven runs, each opening the database afresh: slow on PGlite on disk
  }, 60_000);

  it('says so when there are no keys', async () => {
    expect(await run(['list'], target.env)).toEqual({
      code: 0,
      stdout: 'No API keys.\n',
      stderr: '',
    });
  });
});

describe.each(testEngines())('starting the API on a fresh database on %s', (engine) => {
  let target: Target;
  let running: RunningApi | undefined;
  beforeEach(async () => {
    target = await freshTarget(engine);
  }, 60_000);
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await target.destroy();
  });

  const start = async (env: Record<string, string> = {}) => {
    running = await startApi(loadConfig({ ...target.env, API_PORT: '0', ...env }));
    return running;
  };
  const stop = async () => {
    await running!.stop();
    running = undefined;
  };
  const keysOf = async (api: RunningApi, key: string) => {
    const response = await request(api.url)
      .get('/api/v1/api-keys')
      .set('Authorization', `Bearer ${key}`)
      .expect(200);
    return response.body as { label: string; role: string; revokedAt: string | null }[];
  };

  it('makes a first admin key on the first start only', async () => {
    const first = await start();
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.url).not.toMatch(/:0$/);
    const key = first.firstAdminKey!;
    expect(key).toMatch(/^esk_[A-Za-z0-9_-]{43}$/);
    expect(await keysOf(first, key)).toEqual([
      expect.objectContaining({ label: 'first admin key', role: 'admin', revokedAt: null }),
    ]);
    await stop();

    const second = await start();
    expect(second.firstAdminKey).toBeNull();
    expect(await keysOf(second, key)).toHaveLength(1);
  });

  it('ensures ADMIN_API_KEY as an admin key, once, and generates none beside it', async () => {
    const configured = `esk_${randomBytes(32).toString('base64url')}`;
    const first = await start({ ADMIN_API_KEY: configured });
    expect(first.firstAdminKey).toBeNull();
    await request(first.url)
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${configured}`)
      .send({ role: 'auditor', label: 'Made with the configured key' })
      .expect(201);
    await stop();

    const second = await start({ ADMIN_API_KEY: configured });
    expect(second.firstAdminKey).toBeNull();
    const listed = await keysOf(second, configured);
    expect(listed.map((key) => [key.label, key.role])).toEqual([
      ['ADMIN_API_KEY', 'admin'],
      ['Made with the configured key', 'auditor'],
    ]);
  });

  it('still makes a first admin key when the command made only an auditor key before', async () => {
    await run(['create', '--role', 'auditor', '--label', 'Early auditor'], target.env);
    const api = await start();
    expect(api.firstAdminKey).toMatch(/^esk_/);
    await request(api.url)
      .post('/api/v1/api-keys')
      .set('Authorization', `Bearer ${api.firstAdminKey}`)
      .send({ role: 'admin', label: 'Second admin' })
      .expect(201);
  });
});

/**
 * A service holding the embedded folder in a process of its own, as `npm start` does: opened
 * through the same openDatabase, migrated, its API address announced.
 */
async function holdFolder(dataDir: string): Promise<ChildProcess> {
  const script = `
    const { openDatabase } = require('@escalations/db');
    openDatabase({ dataDir: ${JSON.stringify(dataDir)}, role: 'service' }).then(async (handle) => {
      await handle.migrate();
      handle.announce({ apiUrl: 'http://127.0.0.1:3999' });
      process.once('SIGTERM', () => handle.close().then(() => process.exit(0)));
      process.stdout.write('ready\\n');
    });`;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: __dirname,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
  });
  return child;
}

describe('the apikey command beside a running service on embedded PGlite', () => {
  let dir: string;
  let service: ChildProcess | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'escalations-apikey-held-'));
  });
  afterEach(async () => {
    if (service && service.exitCode === null && service.signalCode === null) {
      service.kill('SIGKILL');
      await once(service, 'exit');
    }
    service = undefined;
    await rm(dir, { recursive: true, force: true });
  });
  const keyRows = async () => {
    const database = await openDatabase({ dataDir: join(dir, 'pglite') });
    try {
      return await database.db.select().from(apiKeys);
    } finally {
      await database.close();
    }
  };

  it('refuses in one line naming the service and its API, and writes nothing', async () => {
    service = await holdFolder(join(dir, 'pglite'));
    const refused = await run(['create', '--role', 'admin', '--label', 'Ops'], { DATA_DIR: dir });
    expect([refused.code, refused.stdout]).toEqual([EXIT.refused, '']);
    const [line, ...more] = refused.stderr.split('\n');
    expect(more).toEqual(['']);
    // `node -e` leaves nothing but `node` in the holder's argv
    expect(line).toBe(
      `Not run: the service (pid ${service.pid}, node) holds ${join(dir, 'pglite')}; stop it first, or create the key through its API: POST /api/v1/api-keys at http://127.0.0.1:3999 with an admin key`,
    );
    const listed = await run(['list'], { DATA_DIR: dir });
    expect(listed.stderr).toMatch(/^Not run: the service \(pid \d+, .*GET \/api\/v1\/api-keys/);

    service.kill('SIGTERM');
    await once(service, 'exit');
    expect(await keyRows()).toEqual([]);
    const after = await run(['create', '--role', 'admin', '--label', 'Ops'], { DATA_DIR: dir });
    expect([after.code, after.stderr]).toEqual([EXIT.ok, '']);
  }, 60_000);

  it('goes ahead once the service has died without letting go (kill -9)', async () => {
    service = await holdFolder(join(dir, 'pglite'));
    service.kill('SIGKILL');
    await once(service, 'exit');
    const created = await run(['create', '--role', 'admin', '--label', 'Ops'], { DATA_DIR: dir });
    expect([created.code, created.stderr]).toEqual([EXIT.ok, '']);
    expect(await keyRows()).toEqual([expect.objectContaining({ label: 'Ops' })]);
  }, 60_000);
});
