import { addressKey } from '@escalations/domain';

/**
 * Which of our mailboxes an address is (CONTRACT.md, "Policies and mailboxes"): a policy's
 * own `<policy-id>@<MAIL_DOMAIN>`, one of its signed reply addresses
 * `<policy-id>+<ref>.<token>@<MAIL_DOMAIN>`, or an address a deployment maps to a policy.
 * Anything else is not ours, and the SMTP intake refuses it (550) before taking the message.
 */

export interface MailboxRoutes {
  domain: string;
  policyIds: readonly string[];
  /** other addresses a deployment maps to a policy, e.g. `escalations@council.gov.uk` → `nel` */
  aliases?: Readonly<Record<string, string>>;
}

export type Mailbox = { kind: 'policy'; policyId: string } | { kind: 'reply'; policyId: string };

export function routeMailbox(routes: MailboxRoutes, address: string): Mailbox | null {
  const normalised = addressKey(address);
  const alias = Object.entries(routes.aliases ?? {}).find(
    ([from]) => addressKey(from) === normalised,
  );
  if (alias)
    return routes.policyIds.includes(alias[1]) ? { kind: 'policy', policyId: alias[1] } : null;
  const at = normalised.lastIndexOf('@');
  if (at < 0 || normalised.slice(at + 1) !== routes.domain.toLowerCase()) return null;
  const local = normalised.slice(0, at);
  const plus = local.indexOf('+');
  const policyId = plus < 0 ? local : local.slice(0, plus);
  if (!routes.policyIds.includes(policyId)) return null;
  return plus < 0 ? { kind: 'policy', policyId } : { kind: 'reply', policyId };
}
