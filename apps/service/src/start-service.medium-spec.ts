import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServiceConfig } from '@escalations/casework';
import {
  createTestDatabase,
  memoryLog,
  testEngines,
  type TestDatabase,
} from '@escalations/db/testing';
import { startService, type RunningService } from './start-service';

const ADMIN_KEY = 'service-admin-key-0123456789abcdefghijklmnopqrstuvwxyz';

/** The first line an SMTP server says: the intake is listening. */
async function smtpGreeting(address: string): Promise<string> {
  const [host, port] = address.split(':');
  const socket = connect(Number(port), host);
  const [chunk] = (await once(socket, 'data')) as [Buffer];
  socket.end('QUIT\r\n');
  return chunk.toString('utf8');
}

const environment = (database: TestDatabase | null, dataDir: string) =>
  loadServiceConfig({
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
    DATA_DIR: dataDir,
    API_HOST: '127.0.0.1',
    API_PORT: '0',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: '0',
    MAIL_METRICS_PORT: '0',
    MAIL_DOMAIN: 'escalations.localhost',
    ADMIN_API_KEY: ADMIN_KEY,
  });

describe.each(testEngines())('startService on %s', (engine) => {
  let dataDir: string;
  let database: TestDatabase | null = null;
  const running: RunningService[] = [];
  const quiet = { log: memoryLog('api').log };

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'escalations-service-'));
    if (engine === 'postgres') database = await createTestDatabase('postgres', { poolSize: 1 });
  });

  afterEach(async () => {
    for (const service of running.splice(0)) await service.stop();
    await database?.destroy();
    await rm(dataDir, { recursive: true, force: true });
  }, 180_000);

  it('--role all runs the API (with its health) and the SMTP intake in one process', async () => {
    const service = await startService(environment(database, dataDir), 'all', quiet);
    running.push(service);
    const health = await fetch(`${service.apiUrl}/health`);
    expect(health.status).toBe(200);
    expect(await smtpGreeting(service.smtpAddress!)).toMatch(/^220 /);
    const banner = service.banner.join('\n');
    expect(banner).toContain(`API               ${service.apiUrl}/api/v1`);
    expect(banner).toContain(`SMTP intake       ${service.smtpAddress}`);
    expect(banner).toContain('Deadline sweeps   every');
  }, 180_000);

  if (engine === 'postgres') {
    it('--role api and --role mail run apart against one Postgres, each only its own role', async () => {
      const config = environment(database, dataDir);
      const api = await startService(config, 'api', quiet);
      running.push(api);
      const mail = await startService(config, 'mail', quiet);
      running.push(mail);
      expect(api.smtpAddress).toBeNull();
      expect(mail.apiUrl).toBeNull();
      expect((await fetch(`${api.apiUrl}/health`)).status).toBe(200);
      expect(await smtpGreeting(mail.smtpAddress!)).toMatch(/^220 /);
      expect(api.banner.join('\n')).not.toContain('SMTP intake');
      expect(mail.banner.join('\n')).not.toContain('API ');
      expect(mail.banner.join('\n')).not.toContain('Deadline sweeps');
    }, 180_000);
  }
});

describe('node apps/service/dist/main.js (what npm start, start:api and start:mail run)', () => {
  const main = join(__dirname, '..', 'dist', 'main.js');

  it('starts every role, prints where each answers, and stops cleanly on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'escalations-service-main-'));
    const child = spawn(process.execPath, [main], {
      env: {
        PATH: process.env.PATH,
        DATA_DIR: dataDir,
        API_HOST: '127.0.0.1',
        API_PORT: '0',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: '0',
        MAIL_METRICS_PORT: '0',
        MAIL_DOMAIN: 'escalations.localhost',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    try {
      while (!out.includes('First run: an admin API key')) {
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${out}`);
        await once(child.stdout, 'data');
      }
      expect(out).toMatch(/API {15}http:\/\/127\.0\.0\.1:\d+\/api\/v1/);
      expect(out).toMatch(/SMTP intake {7}127\.0\.0\.1:\d+/);
      child.kill('SIGTERM');
      const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
      // (what the service wrote on standard error shows beside the exit, should it fail)
      expect({ code, signal, err }).toMatchObject({ code: 0, signal: null });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses an unknown role before touching the database', async () => {
    const child = spawn(process.execPath, [main, '--role', 'scheduler'], {
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    // the event on the log (JSON off a terminal), the reason in the service's own words beside it
    expect(
      out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      expect.objectContaining({
        level: 'error',
        event: 'service.not-started',
        error: 'RoleArgumentError',
      }),
    ]);
    expect(err).toBe('Not started: --role scheduler: expected one of api, mail, all\n');
  }, 30_000);
});
