import type { MessageEnvelope } from '@escalations/db';
import type { PolicyLibrary } from '@escalations/domain';
import { routeMailbox } from '@escalations/email';

/**
 * The partnership a stored message belongs to: its case's policy, else the policy whose
 * mailbox its envelope named, else null (mail no one could tell the owner of: the operator's).
 * What scopes a partnership's view of mail that made no case (bad forms, strangers, set aside).
 */
export function messageOwner(
  message: { casePolicyId: string | null; envelope: MessageEnvelope | null },
  library: PolicyLibrary,
  domain: string,
): string | null {
  if (message.casePolicyId) return message.casePolicyId;
  const routes = { domain, policyIds: [...library.policies.keys()] };
  const routed = (message.envelope?.rcptTo ?? [])
    .map((address) => routeMailbox(routes, address))
    .find((mailbox) => mailbox !== null);
  return routed?.policyId ?? null;
}
