import type { Caller } from './authenticated-request';
import { ApiError } from '../common/api-error';

/** The scope of the service operator's keys: every partnership, and every key. */
export const EVERY_POLICY = '*';

/** Whether the key is the operator's (`*`), not one partnership's. */
export function isOperator(caller: Pick<Caller, 'policies'>): boolean {
  return caller.policies.includes(EVERY_POLICY);
}

/**
 * Whether the caller may see what belongs to this policy. Something of no policy (mail no one
 * could tell the owner of) is the operator's alone.
 */
export function inScope(caller: Pick<Caller, 'policies'>, policyId: string | null): boolean {
  return isOperator(caller) || (policyId !== null && caller.policies.includes(policyId));
}

/**
 * Refuse what belongs to another partnership with the very 404 a missing one gets (`what`, as
 * the route would name a missing one), so a scoped key cannot even learn that it exists.
 */
export function assertInScope(
  caller: Pick<Caller, 'policies'>,
  policyId: string | null,
  what: string,
): void {
  if (!inScope(caller, policyId)) throw ApiError.notFound(what);
}

/**
 * The caller's policies as a repository filter: undefined for the operator (no condition),
 * else the list (possibly empty) the rows' policy must be in.
 */
export function scopedPolicies(caller: Pick<Caller, 'policies'>): string[] | undefined {
  return isOperator(caller) ? undefined : [...caller.policies];
}

/** Every policy id of `policies` within the caller's scope. */
export function withinScope(
  caller: Pick<Caller, 'policies'>,
  policies: readonly string[],
): boolean {
  return (
    isOperator(caller) ||
    policies.every((id) => id !== EVERY_POLICY && caller.policies.includes(id))
  );
}
