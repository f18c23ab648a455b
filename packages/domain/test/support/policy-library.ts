import { join } from 'node:path';
import { calendarOf, type PolicyLibrary } from '../../src/library/build-policy-library';
import { readPolicyLibrary } from '../../src/files/read-policy-library';
import type { CaseContext } from '../../src/case/case-context';
import type { PolicyFile } from '../../src/policy/policy.schema';

/** The repository's own policies and calendars, read once per test file. */
export const POLICIES_DIR = join(__dirname, '../../../../policies');

let library: PolicyLibrary | undefined;

export function realLibrary(): PolicyLibrary {
  library ??= readPolicyLibrary(POLICIES_DIR);
  return library;
}

export function realPolicy(id: string): PolicyFile {
  const policy = realLibrary().policies.get(id);
  if (!policy) throw new Error(`no policy ${id}`);
  return policy;
}

export function contextAt(policyId: string, now: string): CaseContext {
  const policy = realPolicy(policyId);
  return { policy, calendar: calendarOf(realLibrary(), policy), now: new Date(now) };
}
