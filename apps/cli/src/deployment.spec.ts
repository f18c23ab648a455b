import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceConfigSchema } from '@escalations/casework';
import { parse } from 'yaml';

// No Docker engine runs on our machines, so the deployment files are checked for what can
// be checked without one: that they say what the README says and point at real files.
const ROOT = join(__dirname, '../../..');

interface ComposeService {
  build?: { context: string; dockerfile: string };
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
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts['start']).toMatch(/node (\S+ )*apps\/service\/dist\/main\.js$/);
    expect(scripts['start:api']).toMatch(/node (\S+ )*apps\/service\/dist\/main\.js --role api$/);
    expect(scripts['start:mail']).toMatch(/node (\S+ )*apps\/service\/dist\/main\.js --role mail$/);
  });

  it("sets the heap's one ceiling and young generation wherever the service starts: npm start, the image, the mail benchmark", () => {
    const ceiling = (text: string | undefined) =>
      [...(text ?? '').matchAll(/--max-(old|semi)-space-size=(\d+)/g)].map(
        (match) => `${match[1]} ${match[2]}`,
      );
    const scriptsOf = (path: string) =>
      (JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as { scripts: Record<string, string> })
        .scripts;
    const root = scriptsOf('package.json');
    const image = dockerStages(readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8')).at(-1)!;
    const value = ceiling(image.lines.find((line) => line.startsWith('ENV ')));
    expect(value).toEqual(['old 384', 'semi 4']);
    for (const [where, script] of [
      ['npm start', root['start']],
      ['npm run start:api', root['start:api']],
      ['npm run start:mail', root['start:mail']],
      ['npm run bench:mail', root['bench:mail']],
      ['apps/service start', scriptsOf('apps/service/package.json')['start']],
      ['apps/mail bench', scriptsOf('apps/mail/package.json')['bench']],
    ]) {
      expect([where, ceiling(script)]).toEqual([where, value]);
    }
  });

  it('builds both services from the one image the Dockerfile makes', () => {
    const images = ['api', 'mail'].map((name) => compose.services[name]!);
    for (const service of images) {
      expect(service.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
      expect(service.image).toBe('escalations:local');
    }
  });

  it('gives every service setting it sets a value the configuration accepts', () => {
    for (const name of ['api', 'mail']) {
      const environment = { ...compose.services[name]!.environment };
      expect(ServiceConfigSchema.safeParse(environment).success).toBe(true);
    }
  });
});

/** The Dockerfile's instructions by stage, continuation lines joined. */
function dockerStages(text: string): { from: string; name: string; lines: string[] }[] {
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: { from: string; name: string; lines: string[] }[] = [];
  for (const line of instructions) {
    const from = /^FROM (\S+)(?: AS (\S+))?$/i.exec(line);
    if (from) stages.push({ from: from[1]!, name: from[2] ?? '', lines: [] });
    else stages.at(-1)!.lines.push(line);
  }
  return stages;
}

describe('docker/Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'docker/Dockerfile'), 'utf8');
  const stages = dockerStages(dockerfile);
  const runtime = stages.at(-1)!;
  const copies = stages.flatMap((stage) => stage.lines.filter((line) => /^COPY /.test(line)));

  it('builds in one stage and runs from another, both on Node 24 LTS (slim)', () => {
    expect(stages.map((stage) => [stage.name, stage.from])).toEqual([
      ['build', 'node:24-bookworm-slim'],
      ['runtime', 'node:24-bookworm-slim'],
    ]);
    expect(stages[0]!.lines.join('\n')).toContain('npx turbo run build:production');
  });

  it('installs only production dependencies in the image it runs', () => {
    expect(runtime.lines).toContainEqual(
      expect.stringMatching(/^RUN npm ci --omit=dev .*--ignore-scripts/),
    );
    expect(runtime.lines.filter((line) => /^RUN .*npm (ci|install)/.test(line))).toHaveLength(1);
  });

  it('copies no tests, test rigs, benchmarks or sources into the image', () => {
    for (const line of copies) {
      expect([line, /tests|testing|bench|spec|tsconfig\.rigs/.test(line)]).toEqual([line, false]);
    }
    const fromBuild = runtime.lines.filter((line) => line.startsWith('COPY --from=build'));
    for (const line of fromBuild) {
      expect([line, /\/(dist|drizzle|package\.json|package-lock\.json)( |$)/.test(line)]).toEqual([
        line,
        true,
      ]);
    }
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const pattern of [
      'tests',
      '**/*.spec.ts',
      '**/*.medium-spec.ts',
      '**/src/**/testing',
      '**/src/**/bench',
    ]) {
      expect(ignored).toContain(pattern);
    }
  });

  it('carries every workspace the service needs: its manifest and its build', () => {
    const workspaces = ['packages', 'apps'].flatMap((folder) =>
      readdirSync(join(ROOT, folder)).map((name) => `${folder}/${name}`),
    );
    for (const workspace of workspaces) {
      expect(runtime.lines).toContain(
        `COPY --from=build /app/${workspace}/package.json ${workspace}/`,
      );
      expect(runtime.lines).toContain(`COPY --from=build /app/${workspace}/dist ${workspace}/dist`);
    }
  });

  it('runs as the unprivileged node user, with a health check that exists, every role by default', () => {
    const user = runtime.lines.findIndex((line) => line.startsWith('USER '));
    const cmd = runtime.lines.findIndex((line) => line.startsWith('CMD '));
    expect(runtime.lines[user]).toBe('USER node');
    expect(user).toBeLessThan(cmd);
    expect(runtime.lines).toContainEqual(
      expect.stringMatching(
        /^HEALTHCHECK .*CMD \["node", "apps\/service\/dist\/healthcheck\.js"\]$/,
      ),
    );
    expect(existsSync(join(ROOT, 'apps/service/src/healthcheck.ts'))).toBe(true);
    expect(runtime.lines[cmd]).toBe('CMD ["node", "apps/service/dist/main.js", "--role", "all"]');
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
