import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  buildPolicyLibrary,
  type PolicyLibrary,
  type SourceFile,
} from '../library/build-policy-library';

/**
 * Read `<dir>/*.yaml` and `<dir>/calendars/*.yaml`. The only part of the domain package
 * that touches the file system, kept out of the pure entry point.
 */
export function readPolicyLibrary(dir: string): PolicyLibrary {
  return buildPolicyLibrary(readYamlFiles(dir), readYamlFiles(join(dir, 'calendars')));
}

function readYamlFiles(dir: string): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const path = join(dir, name);
      return { name: relative(process.cwd(), path) || path, text: readFileSync(path, 'utf8') };
    });
}
