import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../database';
import { agencies, agencyContacts, cases, participants } from '../schema';

export class ParticipantRepository {
  /**
   * Mark an address as failing on every open case it is on (mail to it bounced); returns
   * the cases newly affected, so the partnership can be told once per case.
   */
  async markFailing(executor: Executor, address: string, at: Date) {
    const openCases = executor.select({ id: cases.id }).from(cases).where(eq(cases.status, 'open'));
    const marked = await executor
      .update(participants)
      .set({ failingSince: at })
      .where(
        and(
          eq(participants.email, address.toLowerCase()),
          isNull(participants.failingSince),
          inArray(participants.caseId, openCases),
        ),
      )
      .returning({ caseId: participants.caseId });
    if (marked.length === 0) return [];
    return executor
      .select({ id: cases.id, ref: cases.ref, policyId: cases.policyId })
      .from(cases)
      .where(
        inArray(
          cases.id,
          marked.map((m) => m.caseId),
        ),
      );
  }

  /** Whether the address holds an agency's directory role on the case's agencies. */
  async isDirectoryContact(
    executor: Executor,
    policyId: string,
    agencyNames: string[],
    address: string,
  ): Promise<boolean> {
    const rows = await executor
      .select({ id: agencyContacts.id })
      .from(agencyContacts)
      .innerJoin(agencies, eq(agencies.id, agencyContacts.agencyId))
      .where(
        and(
          eq(agencies.policyId, policyId),
          inArray(agencies.name, agencyNames),
          eq(agencyContacts.email, address.toLowerCase()),
        ),
      )
      .limit(1);
    return rows.length > 0;
  }
}
