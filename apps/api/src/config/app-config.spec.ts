import { join, resolve } from 'node:path';
import { ConfigError, databaseOptionsOf, loadConfig } from './app-config';

/** The message of the ConfigError that `env` stops start-up with. */
function refusal(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error(`${JSON.stringify(env)} was accepted`);
}

describe('loadConfig', () => {
  it('runs with nothing set: the API on 127.0.0.1:3000, data under ./data, embedded PGlite', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ DATA_DIR: './data', API_HOST: '127.0.0.1', API_PORT: 3000 });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.ADMIN_API_KEY).toBeUndefined();
  });

  it('counts empty strings as unset, as a blank line in .env gives them', () => {
    expect(
      loadConfig({
        DATABASE_URL: '',
        DATA_DIR: '',
        API_HOST: '',
        API_PORT: '',
        ADMIN_API_KEY: '',
        POLICIES_DIR: '',
      }),
    ).toEqual(loadConfig({}));
  });

  it('ignores variables it does not know, since the environment holds everything else too', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root' })).toEqual(loadConfig({}));
  });

  it('takes every setting it knows', () => {
    const adminKey = `esk_${'k'.repeat(40)}`;
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://app@db.internal:5432/escalations',
        DATA_DIR: '/var/lib/escalations',
        API_HOST: '0.0.0.0',
        API_PORT: '8080',
        ADMIN_API_KEY: adminKey,
        POLICIES_DIR: '/etc/escalations/policies',
      }),
    ).toMatchObject({
      DATABASE_URL: 'postgres://app@db.internal:5432/escalations',
      DATA_DIR: '/var/lib/escalations',
      API_HOST: '0.0.0.0',
      API_PORT: 8080,
      ADMIN_API_KEY: adminKey,
      POLICIES_DIR: '/etc/escalations/policies',
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://app@db/escalations' }).DATABASE_URL).toBe(
      'postgresql://app@db/escalations',
    );
  });

  it.each(['0', '1', '65535'])('takes API_PORT %s', (port) => {
    expect(loadConfig({ API_PORT: port }).API_PORT).toBe(Number(port));
  });

  it.each([
    ['a word', 'http'],
    ['a port too high', '65536'],
    ['a negative port', '-1'],
    ['a fraction', '80.5'],
    ['hexadecimal', '0x50'],
    ['an exponent', '1e3'],
    // Number(' ') is 0: without a check this would listen on any free port, silently
    ['only spaces', '  '],
  ])('stops on API_PORT with %s, naming it and what it expects', (_, port) => {
    expect(refusal({ API_PORT: port })).toBe(
      'configuration is not valid:\n  API_PORT: expected a port number from 0 to 65535 (0: any free port)',
    );
  });

  it.each(['mysql://root@localhost/escalations', 'http://db:5432/x', 'not a url'])(
    'stops on a DATABASE_URL that is not Postgres: %s',
    (url) => {
      expect(refusal({ DATABASE_URL: url })).toBe(
        'configuration is not valid:\n  DATABASE_URL: expected postgres://user@host:port/database',
      );
    },
  );

  it('stops on an ADMIN_API_KEY shorter than 32 characters, and takes one of 32', () => {
    expect(refusal({ ADMIN_API_KEY: 'x'.repeat(31) })).toBe(
      'configuration is not valid:\n  ADMIN_API_KEY: an admin key must be at least 32 characters',
    );
    expect(loadConfig({ ADMIN_API_KEY: 'x'.repeat(32) }).ADMIN_API_KEY).toHaveLength(32);
  });

  it('takes LOG_LEVEL and LOG_FORMAT, and stops on one it does not know', () => {
    expect(loadConfig({ LOG_LEVEL: 'debug', LOG_FORMAT: 'json' })).toMatchObject({
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
    });
    expect(refusal({ LOG_LEVEL: 'loud', LOG_FORMAT: 'xml' })).toBe(
      [
        'configuration is not valid:',
        '  LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent',
        '  LOG_FORMAT: expected pretty or json',
      ].join('\n'),
    );
  });

  it('names every bad variable at once, so one restart is enough to fix them', () => {
    expect(refusal({ API_PORT: 'http', DATABASE_URL: 'mysql://x', ADMIN_API_KEY: 'short' })).toBe(
      [
        'configuration is not valid:',
        '  DATABASE_URL: expected postgres://user@host:port/database',
        '  API_PORT: expected a port number from 0 to 65535 (0: any free port)',
        '  ADMIN_API_KEY: an admin key must be at least 32 characters',
      ].join('\n'),
    );
  });
});

describe('databaseOptionsOf', () => {
  it('opens Postgres when DATABASE_URL is set, whatever DATA_DIR says', () => {
    const url = 'postgres://app@db:5432/escalations';
    expect(databaseOptionsOf(loadConfig({ DATABASE_URL: url, DATA_DIR: '/srv' }))).toEqual({ url });
  });

  it('opens PGlite under DATA_DIR/pglite otherwise, as an absolute path', () => {
    expect(databaseOptionsOf(loadConfig({}))).toEqual({
      dataDir: join(resolve('./data'), 'pglite'),
    });
    expect(databaseOptionsOf(loadConfig({ DATA_DIR: '/srv/escalations' }))).toEqual({
      dataDir: '/srv/escalations/pglite',
    });
  });
});
