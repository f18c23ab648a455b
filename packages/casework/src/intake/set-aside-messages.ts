import { InboundMessageRepository, type Executor } from '@escalations/db';
import type { PolicyLibrary } from '@escalations/domain';
import { routeMailbox } from '@escalations/email';

/** set-aside messages looked at; more than this many is a count that says enough */
const LIMIT = 10_000;

/**
 * Inbound messages set aside for an administrator, counted by the policy they belong to:
 * their case's policy, else the policy whose mailbox their envelope named, else null (a
 * message no one could tell the owner of, which every partnership should hear about).
 */
export async function countSetAsideByPolicy(
  executor: Executor,
  library: PolicyLibrary,
  domain: string,
): Promise<Map<string | null, number>> {
  const routes = { domain, policyIds: [...library.policies.keys()] };
  const counts = new Map<string | null, number>();
  for (const row of await new InboundMessageRepository().setAsideOwners(executor, LIMIT)) {
    const routed = (row.envelope?.rcptTo ?? [])
      .map((address) => routeMailbox(routes, address))
      .find((mailbox) => mailbox !== null);
    const policyId = row.policyId ?? routed?.policyId ?? null;
    counts.set(policyId, (counts.get(policyId) ?? 0) + 1);
  }
  return counts;
}
