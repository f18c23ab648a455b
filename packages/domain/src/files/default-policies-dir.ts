import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The repository's `policies/` folder, found by walking up from this file, so the CLI and
 * the apps work from any working directory inside the checkout.
 */
export function defaultPoliciesDir(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, 'policies');
    if (existsSync(join(candidate, 'calendars'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no policies/ folder above ${from}; set POLICIES_DIR`);
    dir = parent;
  }
}
