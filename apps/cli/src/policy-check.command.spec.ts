import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { policyCheckCommand } from './policy-check.command';

const ROOT = join(__dirname, '../../..');
const POLICIES = join(ROOT, 'policies');
const env = { POLICIES_DIR: POLICIES };
const check = (file: string, ...options: string[]) =>
  policyCheckCommand(['check', file, ...options], env, ROOT);

/** A copy of the example and its document in a folder of the test's own, to break. */
function exampleCopy(change: (text: string) => string = (text) => text): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-check-'));
  cpSync(join(ROOT, 'examples'), dir, { recursive: true });
  const file = join(dir, 'example-vale.yaml');
  writeFileSync(file, change(readFileSync(file, 'utf8')));
  return file;
}

function replaceOnce(text: string, from: string, to: string): string {
  if (text.split(from).length !== 2) throw new Error(`expected exactly one ${from}`);
  return text.replace(from, to);
}

const made: string[] = [];
afterAll(() => {
  for (const file of made) rmSync(join(file, '..'), { recursive: true, force: true });
});
const copy = (change?: (text: string) => string) => {
  const file = exampleCopy(change);
  made.push(file);
  return file;
};

describe('npm run -s policy -- check <file>', () => {
  it('passes the worked example, with its stage table and the deadlines of a sample raise', () => {
    const result = check('examples/example-vale.yaml', '--raised', '2026-12-21T10:00');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^examples\/example-vale\.yaml: no problems/);
    expect(result.out).toContain('mailbox: example-vale@<MAIL_DOMAIN>');
    expect(result.out).toMatch(/1 +Practitioner to practitioner +3 +-/);
    expect(result.out).toMatch(
      /3 +Designated safeguarding leads +10 +enter → partnership\.businessManager/,
    );
    // Raised Mon 21 Dec 2026 10:00. Stage 1 "within 3 working days": 22, 23, 24 Dec. The
    // breach rule moves it on at 17:00 on the 24th, D0 of stage 2 (a working day, at close of
    // business); within 5 skips Christmas Day, the weekend, the Boxing Day holiday on Monday
    // 28th and New Year's Day: 29, 30, 31 Dec, 4, 5 Jan. Stage 3, within 10 from 5 Jan: 19 Jan.
    expect(result.out).toMatch(/1 +Practitioner to practitioner .* 2026-12-24 +3/);
    expect(result.out).toMatch(/2 +Manager to manager .* 2027-01-05 +5/);
    expect(result.out).toMatch(/3 +Designated safeguarding leads .* 2027-01-19 +10/);
  });

  it.each(readdirSync(POLICIES).filter((name) => name.endsWith('.yaml')))(
    'passes policies/%s, as the service runs it',
    (name) => {
      const result = check(`policies/${name}`, '--raised', '2026-11-24T10:00');
      expect([result.code, result.out.split('\n')[0]]).toEqual([
        0,
        expect.stringContaining('no problems'),
      ]);
    },
  );

  it('names a quotation its document does not hold, where it is, and the nearest passage', () => {
    const file = copy((text) =>
      replaceOnce(
        text,
        "source: 'within 5 working days of the matter being escalated to them.'",
        "source: 'within 7 working days of the matter being escalated to them.'",
      ),
    );
    const result = policyCheckCommand(['check', file, '--raised', '2026-12-21'], env, ROOT);
    expect(result.code).toBe(1);
    expect(result.out).toContain('1 problem');
    expect(result.out).toContain('at stages[1].deadline.source: not in documents/example-vale.txt');
    expect(result.out).toContain('"within 7 working days of the matter being escalated to them."');
    expect(result.out).toContain(
      'nearest passage:\n      "within 5 working days of the matter being escalated to them."',
    );
    // still shows what it would run, so the fix can be checked against it
    expect(result.out).toContain('2026-12-24');
  });

  it('names a document that is not there', () => {
    const file = copy((text) =>
      replaceOnce(text, 'document: documents/example-vale.txt', 'document: documents/missing.txt'),
    );
    const result = policyCheckCommand(['check', file], env, ROOT);
    expect(result.code).toBe(1);
    expect(result.out).toContain('document: documents/missing.txt is not there');
  });

  it('refuses what start-up refuses: a code another policy in force has, a deadline that is not a number', () => {
    const clash = copy((text) => replaceOnce(text, 'code: EVSCP', 'code: NEL'));
    const clashing = policyCheckCommand(['check', clash], env, ROOT);
    expect(clashing.code).toBe(1);
    expect(clashing.out).toMatch(/at code: .*NEL/);

    const broken = copy((text) => replaceOnce(text, 'workingDays: 10', 'workingDays: ten'));
    const result = policyCheckCommand(['check', broken], env, ROOT);
    expect(result.code).toBe(1);
    expect(result.out).toContain('at stages[2].deadline.workingDays');
    // no stage table for a policy the service would not start with
    expect(result.out).not.toContain('working days  notices');
  });

  it('says so for a file that is not there, and shows the usage for a wrong command line (2)', () => {
    expect(check('examples/nowhere.yaml')).toEqual({
      code: 1,
      out: 'examples/nowhere.yaml: no such file',
    });
    expect(policyCheckCommand(['verify', 'x.yaml'], env, ROOT).code).toBe(2);
    expect(policyCheckCommand(['check'], env, ROOT).code).toBe(2);
    expect(policyCheckCommand(['check', 'x.yaml', '--colour'], env, ROOT).code).toBe(2);
  });
});
