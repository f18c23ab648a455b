import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { policyCheckCommand } from './policy-check.command';

const ROOT = join(__dirname, '../../..');
const POLICIES = join(ROOT, 'policies');
const env = { POLICIES_DIR: POLICIES };
const check = (file: string, ...options: string[]) =>
  policyCheckCommand(['check', file, ...options], env, ROOT);

/** A copy of the sixth policy and its document in a folder of the test's own, to break. */
function exampleCopy(change: (text: string) => string = (text) => text): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-check-'));
  cpSync(join(ROOT, 'examples'), dir, { recursive: true });
  const file = join(dir, 'st-helens.yaml');
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
  it('passes the sixth policy in examples/, with its stage table and the deadlines of a sample raise', () => {
    const result = check('examples/st-helens.yaml', '--raised', '2026-12-21T10:00');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^examples\/st-helens\.yaml: no problems/);
    expect(result.out).toContain('mailbox: st-helens@<MAIL_DOMAIN>');
    expect(result.out).toMatch(/1 +Practitioner to line manager +1 +-/);
    expect(result.out).toMatch(
      /3 +Service manager to service manager \(Escalation Notice\) +5 +enter → partnership\.businessManager/,
    );
    // Raised Mon 21 Dec 2026 10:00. Stage 1 "(1 Day)": 22 Dec. The breach rule moves it on at
    // 17:00 on the 22nd, D0 of stage 2 (a working day, at close of business): 23 Dec. Stage 3,
    // "within 5 working days" from the 23rd, skips Christmas Day, the weekend, the Boxing Day
    // holiday on Monday 28th and New Year's Day: 24, 29, 30, 31 Dec, 4 Jan.
    expect(result.out).toMatch(/1 +Practitioner to line manager .* 2026-12-22 +1/);
    expect(result.out).toMatch(/2 +Manager to manager .* 2026-12-23 +1/);
    expect(result.out).toMatch(/3 +Service manager to service manager .* 2027-01-04 +5/);
  });

  it("lists a stage's timed steps: NEL's Chair's recommendation, within 5 days of the notification", () => {
    const result = check('policies/nel.yaml', '--raised', '2026-11-24T10:00');
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      "stage 5 step chair-recommendation: The Chair's recommendation of the most appropriate way to proceed; partnership.chair acts within 5 working days of the stage's enter notice; RECOMMEND records it",
    );
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
        "source: '(Completed within 5 working days)'",
        "source: '(Completed within 7 working days)'",
      ),
    );
    const result = policyCheckCommand(['check', file, '--raised', '2026-12-21'], env, ROOT);
    expect(result.code).toBe(1);
    expect(result.out).toContain('1 problem');
    expect(result.out).toContain('at stages[2].deadline.source: not in documents/st-helens.txt');
    expect(result.out).toContain('"(Completed within 7 working days)"');
    expect(result.out).toMatch(/nearest passage:\n {6}".*\(Completed within 5 working days\)/);
    // still shows what it would run, so the fix can be checked against it
    expect(result.out).toContain('2026-12-22');
  });

  it('names a document that is not there', () => {
    const file = copy((text) =>
      replaceOnce(text, 'document: documents/st-helens.txt', 'document: documents/missing.txt'),
    );
    const result = policyCheckCommand(['check', file], env, ROOT);
    expect(result.code).toBe(1);
    expect(result.out).toContain('document: documents/missing.txt is not there');
  });

  it('refuses what start-up refuses: a code another policy in force has, a deadline that is not a number', () => {
    const clash = copy((text) => replaceOnce(text, 'code: SHSCP', 'code: NEL'));
    const clashing = policyCheckCommand(['check', clash], env, ROOT);
    expect(clashing.code).toBe(1);
    expect(clashing.out).toMatch(/at code: .*NEL/);

    const broken = copy((text) => replaceOnce(text, 'workingDays: 5', 'workingDays: five'));
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
