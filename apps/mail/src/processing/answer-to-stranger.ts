import type { MailSettings } from '@escalations/casework';
import type { Executor } from '@escalations/db';
import type { CaseState, PolicyFile } from '@escalations/domain';
import { identifySender } from './identify-sender';

/**
 * What someone who may not act on a case is told, whether the case they named exists or not:
 * the same words, no reference, the policy mailbox to reply to. A stranger learns nothing
 * about a case from writing to it, not even that it exists, and never gets its signed reply
 * address.
 */
export const ANSWER_TO_STRANGER = {
  template: 'command-refused',
  data: {
    problems: [
      "It did not name a case you can act on. Only the people on a case, the agencies' contacts " +
        'for it and partnership staff can act on it, by replying to the latest email they had ' +
        'about it. If you should be on a case, ask one of them to add you.',
    ],
  },
} as const;

/** Whether the sender may act on the case (CONTRACT.md), and so may hear about it. */
export async function mayActOn(
  executor: Executor,
  settings: MailSettings,
  policy: PolicyFile,
  state: CaseState,
  from: { address: string; name: string | null },
): Promise<boolean> {
  const actor = await identifySender(executor, settings, policy, state, from, false);
  return actor.kind !== 'stranger';
}
