import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// Issue 15: "the six address normalisers ... become one". A participant is known by their
// address whatever its capitals, so every place an address enters (SMTP envelope, IMAP
// account, POST /inbound, parsed headers) must key it the same way: `addressKey` from the
// domain package. A second hand-written lower-casing drifts (one trims, one does not), and a
// sender then fails to match the participant they are.
const ROOT = join(__dirname, '../../..');
const SOURCES = ['apps', 'packages'];
// `<something that reads as an address>.toLowerCase()`
const HAND_NORMALISED =
  /\b(?:address|addr|mailFrom|rcptTo|user|email|sender|recipient|to|from)\b[\w.?!\]\[]*\.(?:trim\(\)\.)?toLowerCase\(\)/i;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return ['node_modules', 'dist', 'testing', 'bench'].includes(entry.name)
        ? []
        : sourceFiles(path);
    }
    return /\.ts$/.test(entry.name) && !/\.(medium-)?spec\.ts$|\.d\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

describe('one address normaliser', () => {
  const files = SOURCES.flatMap((top) => sourceFiles(join(ROOT, top)));

  it('finds the sources it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.map((f) => relative(ROOT, f))).toContain(
      'packages/domain/src/grammar/address-key.ts',
    );
  });

  it('lower-cases an address only inside addressKey', () => {
    const offenders = files
      .filter((file) => !file.endsWith(join('grammar', 'address-key.ts')))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, index) => ({ line: line.trim(), at: `${relative(ROOT, file)}:${index + 1}` }))
          .filter(({ line }) => HAND_NORMALISED.test(line)),
      )
      .map(({ at, line }) => `${at}  ${line}`);
    expect(offenders).toEqual([]);
  });
});
