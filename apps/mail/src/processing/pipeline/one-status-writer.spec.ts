import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// Issue 16: "a message's status is written both there and in casework (which guesses the
// mail kind from domain events) ... The message's status is written in one place." The
// place is answer.ts; this finds any other caller of the repository's status writers in
// the mail role and in casework.
const ROOT = join(__dirname, '../../../../..');
const SEARCHED = ['apps/mail/src', 'packages/casework/src'];
// (the outbox has a markFailed of its own, for outgoing mail)
const WRITES_STATUS = /(?<!outbox)\.(markProcessed|markFailed|setAsideAbandoned)\(/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['bench', 'testing'].includes(entry.name) ? [] : sources(path);
    return /\.ts$/.test(entry.name) && !/spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

it('writes an inbound message’s status only in the pipeline’s answer step', () => {
  const files = SEARCHED.flatMap((dir) => sources(join(ROOT, dir)));
  expect(files.length).toBeGreaterThan(20);
  const writers = files
    .filter((file) => WRITES_STATUS.test(readFileSync(file, 'utf8')))
    .map((file) => relative(ROOT, file));
  expect(writers).toEqual(['apps/mail/src/processing/pipeline/answer.ts']);
});
