// Sums the jest results every workspace wrote (`jest --json --outputFile=.jest-results.json`)
// into one table and a closing line, so a person, and CI, see the whole count at a glance.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const rows = [];
for (const group of ['packages', 'apps', 'tests']) {
  for (const name of readdirSync(join(root, group)).sort()) {
    const file = join(root, group, name, '.jest-results.json');
    if (!existsSync(file)) continue;
    const r = JSON.parse(readFileSync(file, 'utf8'));
    rows.push([
      `${group}/${name}`,
      r.numTotalTestSuites,
      r.numPassedTests,
      r.numFailedTests,
      r.numPendingTests + r.numTodoTests,
    ]);
  }
}
const headers = ['workspace', 'suites', 'passed', 'failed', 'skipped'];
const widths = headers.map((h, i) =>
  Math.max(h.length, ...rows.map((row) => String(row[i]).length)),
);
const line = (cells) =>
  cells
    .map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
    .join('  ');
const total = (i) => rows.reduce((sum, row) => sum + row[i], 0);
console.log(
  ['', line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'),
);
console.log(`\ntests: ${total(2)} passed, ${total(3)} failed, ${total(4)} skipped`);
if (total(2) === 0) process.exitCode = 1;
