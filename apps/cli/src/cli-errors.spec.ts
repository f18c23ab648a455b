import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Issue 12, item 2: the CLI never prints a stack trace: one line and exit code 2. Runs the
 * built command (`npm run -s deadlines` runs the same file).
 */
const DEADLINES = join(__dirname, '../dist/deadlines.js');

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [DEADLINES, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

describe('npm run deadlines: errors are one line and exit code 2', () => {
  it('a raise before the calendar begins', () => {
    const result = run(['--policy', 'nel', '--raised', '2017-06-01']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^deadlines: 2017-06-01 is outside the england-and-wales calendar.*\n$/,
    );
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('a raise past the calendar is not an error: the later stages say which year to add', () => {
    const result = run(['--policy', 'nel', '--raised', '2030-12-20']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("beyond the england-and-wales calendar: add 2031's holidays");
  });

  it('a time the clocks repeat', () => {
    const result = run(['--policy', 'nel', '--raised', '2026-10-25T01:30']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('happens twice in Europe/London');
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
