import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import type { PolicyLibrary } from '@escalations/domain';

/** The policies in force: `POLICIES_DIR` when set, else the repository's `policies/`. */
export function loadLibrary(env: NodeJS.ProcessEnv = process.env): PolicyLibrary {
  return readPolicyLibrary(env.POLICIES_DIR ?? defaultPoliciesDir(__dirname));
}
