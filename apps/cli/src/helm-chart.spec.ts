import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceConfigSchema } from '@escalations/casework';
import Ajv from 'ajv';
import { parse, parseAllDocuments } from 'yaml';

// deploy/helm/escalations without a cluster. Helm is not packaged for Debian nor on the npm
// registry, so where it is missing the chart is checked for what can be checked without it:
// its values against values.schema.json (as `helm install` does), and its templates against
// the values, its helpers and the service's configuration. With helm on the PATH, `helm lint`
// and `helm template` run too.
const CHART = join(__dirname, '../../../deploy/helm/escalations');
const read = (path: string) => readFileSync(join(CHART, path), 'utf8');

const values = parse(read('values.yaml')) as Record<string, unknown>;
const schema = JSON.parse(read('values.schema.json')) as object;
const templates = Object.fromEntries(
  readdirSync(join(CHART, 'templates')).map((name) => [name, read(`templates/${name}`)]),
);
const allTemplates = Object.values(templates).join('\n');
const configKeys = new Set(Object.keys(ServiceConfigSchema.shape));

/** The parts of values.yaml the refusals below change. */
interface ChartValues {
  [setting: string]: unknown;
  secrets: Record<string, string>;
  database: { url: string };
  api: { replicas: number };
  mail: { smtpPort: number };
  config: Record<string, string>;
  partnershipContacts: unknown;
}

const validate = new Ajv({ allErrors: true }).compile(schema);
const withValues = (change: (copy: ChartValues) => void) => {
  const copy = structuredClone(values) as ChartValues;
  change(copy);
  return copy;
};

/** `.Values.a.b.c` → ['a', 'b', 'c'], for every reference in the templates. */
function valuePaths(text: string): string[][] {
  return [...text.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)].map((match) =>
    match[1]!.slice(1).split('.'),
  );
}

describe('the Helm chart (deploy/helm/escalations)', () => {
  it('has a Chart.yaml of a v2 application chart', () => {
    const chart = parse(read('Chart.yaml')) as Record<string, string>;
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'escalations', type: 'application' });
    expect(chart['version']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('has values that its values.schema.json accepts', () => {
    expect(validate(values) ? [] : validate.errors).toEqual([]);
  });

  it.each([
    ['an unknown setting', (v: ChartValues) => (v.replica = 2)],
    ['a metrics token under 32 characters', (v: ChartValues) => (v.secrets.metricsToken = 'short')],
    ['a database url that is not Postgres', (v: ChartValues) => (v.database.url = 'mysql://db/x')],
    ['no API replica', (v: ChartValues) => (v.api.replicas = 0)],
    ['a port out of range', (v: ChartValues) => (v.mail.smtpPort = 70000)],
    ['a setting not in capitals', (v: ChartValues) => (v.config.mailDomain = 'x.example')],
    [
      'a contact that is not an address',
      (v: ChartValues) => (v.partnershipContacts = { nel: { chair: ['nobody'] } }),
    ],
  ])('has a schema that refuses %s', (_what, change) => {
    expect(validate(withValues(change))).toBe(false);
  });

  it('sets only settings the service reads, with values its configuration accepts', () => {
    const config = values['config'] as Record<string, string>;
    for (const name of Object.keys(config)) expect(configKeys).toContain(name);
    expect(ServiceConfigSchema.safeParse(config).success).toBe(true);
    const named = [...allTemplates.matchAll(/- name: ([A-Z][A-Z0-9_]+)$/gm)].map((m) => m[1]!);
    const secretKeys = [...templates['secret.yaml']!.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map(
      (m) => m[1]!,
    );
    expect(named.length).toBeGreaterThan(5);
    for (const name of [...named, ...secretKeys]) expect(configKeys).toContain(name);
  });

  it('refers only to values that values.yaml has', () => {
    const paths = valuePaths(allTemplates);
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      let node: unknown = values;
      for (const key of path) {
        expect([path.join('.'), typeof node === 'object' && node !== null && key in node]).toEqual([
          path.join('.'),
          true,
        ]);
        node = (node as Record<string, unknown>)[key];
      }
    }
  });

  it('includes only helpers that _helpers.tpl defines', () => {
    const defined = new Set(
      [...templates['_helpers.tpl']!.matchAll(/define "([^"]+)"/g)].map((m) => m[1]!),
    );
    const included = [...allTemplates.matchAll(/include "([^"]+)"/g)].map((m) => m[1]!);
    expect(included.length).toBeGreaterThan(10);
    for (const name of included) expect(defined).toContain(name);
  });

  it('runs the API and the mail role as separate Deployments of the one entry point, with probes and metrics annotations', () => {
    for (const [file, role, port] of [
      ['api-deployment.yaml', 'api', 'http'],
      ['mail-deployment.yaml', 'mail', 'operations'],
    ] as const) {
      const text = templates[file]!;
      expect(text).toContain('kind: Deployment');
      expect(text).toContain(`args: ['node', 'apps/service/dist/main.js', '--role', '${role}']`);
      expect(text).toMatch(
        new RegExp(`livenessProbe:\\s+httpGet:\\s+path: /health/live\\s+port: ${port}`),
      );
      expect(text).toMatch(
        new RegExp(`readinessProbe:\\s+httpGet:\\s+path: /health/ready\\s+port: ${port}`),
      );
      expect(text).toContain("prometheus.io/scrape: 'true'");
      expect(text).toContain('secretRef:');
    }
    expect(templates['services.yaml']).toMatch(/targetPort: http\b/);
    expect(templates['services.yaml']).toMatch(/targetPort: smtp\b/);
    expect(templates['pod-disruption-budgets.yaml']).toContain('kind: PodDisruptionBudget');
    expect(templates['secret.yaml']).toContain('kind: Secret');
  });

  it("names each mail pod's leases after the pod (WORKER_ID from the downward API)", () => {
    const mail = templates['mail-deployment.yaml']!;
    expect(mail).toMatch(/- name: WORKER_ID\s+valueFrom:\s+fieldRef:\s+fieldPath: metadata\.name/);
    expect(templates['api-deployment.yaml']).not.toContain('WORKER_ID');
  });

  const helm = (() => {
    try {
      execFileSync('helm', ['version', '--short'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  const withHelm = helm ? it : it.skip;

  withHelm('passes helm lint (skipped: helm is not installed)', () => {
    execFileSync('helm', ['lint', CHART, '--set', 'database.url=postgres://db/escalations']);
  });

  withHelm(
    'renders with helm template into the objects it promises (skipped: helm is not installed)',
    () => {
      const rendered = execFileSync(
        'helm',
        ['template', 'escalations', CHART, '--set', 'database.url=postgres://db/escalations'],
        { encoding: 'utf8' },
      );
      const kinds = parseAllDocuments(rendered)
        .map((doc) => (doc.toJS() as { kind?: string } | null)?.kind)
        .filter(Boolean)
        .sort();
      expect(kinds).toEqual([
        'Deployment',
        'Deployment',
        'PodDisruptionBudget',
        'PodDisruptionBudget',
        'Secret',
        'Secret',
        'Service',
        'Service',
      ]);
    },
  );
});
