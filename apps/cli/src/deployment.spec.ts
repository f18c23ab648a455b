import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceConfigSchema } from '@escalations/casework';
import { parse } from 'yaml';

// No Docker engine runs on our machines, so the deployment files are checked for what can
// be checked without one: that they say what the README says and point at real files.
const ROOT = join(__dirname, '../../..');

interface ComposeService {
  command?: string[];
  image?: string;
  environment?: Record<string, string>;
  ports?: string[];
}

const compose = parse(readFileSync(join(ROOT, 'docker/compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

describe('docker/', () => {
  it('composes Postgres, the API with the scheduler, the mail role and a mail catcher', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'mail', 'mailpit', 'postgres']);
    expect(compose.services['api']!.command).toEqual([
      'node',
      'apps/service/dist/main.js',
      '--role',
      'api',
    ]);
    expect(compose.services['mail']!.command).toEqual([
      'node',
      'apps/service/dist/main.js',
      '--role',
      'mail',
    ]);
    expect(compose.services['api']!.environment!['DATABASE_URL']).toMatch(
      /^postgres:\/\/.*@postgres:5432\//,
    );
    expect(compose.services['mail']!.environment!['SMTP_URL']).toBe('smtp://mailpit:1025');
  });

  it('runs the one entry point the build makes (apps/service), as npm start does', () => {
    expect(existsSync(join(ROOT, 'apps/service/src/main.ts'))).toBe(true);
    const dockerfile = readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8');
    expect(dockerfile).toContain('CMD ["node", "apps/service/dist/main.js", "--role", "all"]');
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts['start']).toMatch(/node apps\/service\/dist\/main\.js$/);
    expect(scripts['start:api']).toMatch(/node apps\/service\/dist\/main\.js --role api$/);
    expect(scripts['start:mail']).toMatch(/node apps\/service\/dist\/main\.js --role mail$/);
  });

  it('gives every service setting it sets a value the configuration accepts', () => {
    for (const name of ['api', 'mail']) {
      const environment = { ...compose.services[name]!.environment };
      expect(ServiceConfigSchema.safeParse(environment).success).toBe(true);
    }
  });
});

describe('.env.example', () => {
  it('lists every variable the service reads, and no other', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const listed = [...example.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)]
      .map((match) => match[1])
      .sort();
    expect(listed).toEqual(Object.keys(ServiceConfigSchema.shape).sort());
  });
});
