import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Issue 15, item 1: `npm test` provisions what its tests drive (as .ci/run does), or says in
 * one line what to install and fails: a missing Dovecot or pdftotext never skips its tests.
 * The repository's scripts run here in a tree of their own whose installers are stand-ins
 * that succeed or fail, so the test needs neither root nor the network.
 */
const ROOT = join(__dirname, '../../..');
const INSTALLERS = {
  dovecot: 'apps/mail/scripts/install-dovecot.sh',
  poppler: 'packages/casework/scripts/install-poppler.sh',
  chromium: 'apps/api/scripts/install-chromium.sh',
};

function tree(installers: Partial<Record<keyof typeof INSTALLERS, 'installs' | 'fails'>>) {
  const dir = mkdtempSync(join(tmpdir(), 'provision-'));
  mkdirSync(join(dir, 'scripts'));
  for (const script of ['provision-tests.sh', 'test.sh'])
    cpSync(join(ROOT, 'scripts', script), join(dir, 'scripts', script));
  for (const [tool, outcome] of Object.entries(installers)) {
    const file = join(dir, INSTALLERS[tool as keyof typeof INSTALLERS]);
    mkdirSync(dirname(file), { recursive: true });
    // a real installer prints apt's progress or its own refusal: none of it reaches the output
    writeFileSync(
      file,
      outcome === 'installs'
        ? `echo "${tool} 1.0"; touch "$(dirname "$0")/ran"\n`
        : `echo "install-${tool}: run as root (or with sudo)" >&2; exit 1\n`,
    );
    chmodSync(file, 0o755);
  }
  return dir;
}

const run = (dir: string, script: string) =>
  spawnSync('bash', [join(dir, 'scripts', script)], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const make = (installers: Parameters<typeof tree>[0]) => {
  const dir = tree(installers);
  made.push(dir);
  return dir;
};

describe('provisioning the tests (scripts/provision-tests.sh)', () => {
  it('runs every installer there is, quietly, and goes on', () => {
    const dir = make({ dovecot: 'installs', poppler: 'installs', chromium: 'installs' });
    const result = run(dir, 'provision-tests.sh');
    expect([result.status, result.stdout, result.stderr]).toEqual([0, '', '']);
    for (const installer of Object.values(INSTALLERS))
      expect(spawnSync('test', ['-e', join(dir, dirname(installer), 'ran')]).status).toBe(0);
  });

  it('passes over an installer not in the tree (the browser tests’, until they come)', () => {
    const result = run(make({ dovecot: 'installs', poppler: 'installs' }), 'provision-tests.sh');
    expect([result.status, result.stderr]).toEqual([0, '']);
  });

  it('fails in one line naming what to install when a tool cannot be installed here', () => {
    const result = run(
      make({ dovecot: 'fails', poppler: 'installs', chromium: 'fails' }),
      'provision-tests.sh',
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "The tests need dovecot-imapd chromium: not installed, and installing failed here (it takes apt-get and root or sudo). Run 'sudo apt-get install dovecot-imapd chromium', then npm test again.\n",
    );
  });

  it('stops npm test (scripts/test.sh) before anything runs, rather than skipping the tests', () => {
    const result = run(make({ dovecot: 'installs', poppler: 'fails' }), 'test.sh');
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^The tests need poppler-utils: not installed/),
    ]);
  });
});
