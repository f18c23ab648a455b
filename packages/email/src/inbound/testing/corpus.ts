import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The shared corpus of real emails (/work/shared/corpus beside the repository), read at
 * test time and never copied into the project: some of it is GPL-licensed test data.
 * `CORPUS_DIR` points elsewhere; a clone without it leaves the corpus tests out.
 */
export const CORPUS_DIR =
  process.env['CORPUS_DIR'] ?? resolve(__dirname, '../../../../../../shared/corpus');

export const corpusAvailable = existsSync(join(CORPUS_DIR, 'expectations.json'));

let warned = false;

/**
 * Says, once per test file, that the corpus tests were left out and why. The corpus
 * describe blocks are registered only when the corpus is there, rather than skipped.
 */
export function warnCorpusLeftOut(): void {
  if (warned) return;
  warned = true;
  // eslint-disable-next-line no-console -- the one notice that a group of tests did not run
  console.warn(
    `Corpus tests left out: no corpus at ${CORPUS_DIR} (set CORPUS_DIR to the folder holding expectations.json)`,
  );
}

/** The files of one corpus folder (`auto`, `replies`, `replies/bodies`, ...), sorted. */
export function corpusFiles(folder: string): string[] {
  if (!corpusAvailable) return [];
  const directory = join(CORPUS_DIR, folder);
  return readdirSync(directory)
    .filter((name) => statSync(join(directory, name)).isFile())
    .sort();
}

export function readCorpusFile(path: string): Buffer {
  return readFileSync(join(CORPUS_DIR, path));
}

export interface CorpusExpectation {
  path: string;
  /** the repository the file was copied from */
  repo: string;
  sha256: string;
  expect?: string;
  note?: string;
}

export function corpusExpectations(): CorpusExpectation[] {
  if (!corpusAvailable) return [];
  return JSON.parse(
    readFileSync(join(CORPUS_DIR, 'expectations.json'), 'utf8'),
  ) as CorpusExpectation[];
}
