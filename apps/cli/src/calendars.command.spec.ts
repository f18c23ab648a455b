import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarsCommand } from './calendars.command';
import { UsageError } from './deadlines.command';

const POLICIES = join(__dirname, '../../../policies');
const CALENDARS = join(__dirname, '../dist/calendars.js');

const feed = JSON.stringify({
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      { title: 'New Year’s Day', date: '2031-01-01', notes: '', bunting: true },
      { title: 'Good Friday', date: '2031-04-11', notes: '', bunting: false },
    ],
  },
});

describe('npm run calendars -- import', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cli-calendars-'));
    cpSync(POLICIES, join(dir, 'policies'), { recursive: true });
    file = join(dir, 'bank-holidays.json');
    writeFileSync(file, feed);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const options = () => ({ policiesDir: join(dir, 'policies'), today: '2030-12-24' });

  it('prints the difference and, with --dry-run, writes nothing', () => {
    const path = join(dir, 'policies/calendars/england-and-wales.yaml');
    const before = readFileSync(path, 'utf8');
    expect(calendarsCommand(['import', 'england-and-wales', file, '--dry-run'], options())).toBe(
      [
        'england-and-wales: 2 changes for 2031',
        '  + 2031-01-01 New Year’s Day',
        '  + 2031-04-11 Good Friday',
        '(dry run: nothing written)',
      ].join('\n'),
    );
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(calendarsCommand(['import', 'england-and-wales', file], options())).toContain(
      `written to ${path}`,
    );
    expect(readFileSync(path, 'utf8')).toContain('- { date: 2031-04-11, name: "Good Friday" }');
  });

  it.each([[['export']], [['import', 'england-and-wales']], [['import', 'a', 'b', 'c']]])(
    'explains a usage mistake %j',
    (argv) => {
      expect(() => calendarsCommand(argv, options())).toThrow(UsageError);
    },
  );

  it('a bad file is one line on stderr and exit code 2, never a stack trace', () => {
    writeFileSync(file, '{"oops"');
    const result = spawnSync(process.execPath, [CALENDARS, 'import', 'england-and-wales', file], {
      encoding: 'utf8',
      env: { ...process.env, POLICIES_DIR: join(dir, 'policies') },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('calendars: not JSON: expected GOV.UK’s bank-holidays.json\n');
  });
});
