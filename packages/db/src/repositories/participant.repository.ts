import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { addressKey } from '@escalations/domain';
import type { Executor } from '../database';
import { agencies, agencyContacts, cases, participants } from '../schema';

export class ParticipantRepository {
  /**
   * Mark one case's participant failing (mail to them about that case bounced), when the case
   * is open and they are not already marked; returns the case when it was newly affected.
   */
  async markFailingOnCase(executor: Executor, caseId: string, address: string, at: Date) {
    const open = executor
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.id, caseId), eq(cases.status, 'open')));
    const marked = await executor
      .update(participants)
      .set({ failingSince: at })
      .where(
        and(
          eq(participants.caseId, caseId),
          eq(participants.email, addressKey(address)),
          isNull(participants.failingSince),
          inArray(participants.caseId, open),
        ),
      )
      .returning({ caseId: participants.caseId });
    if (marked.length === 0) return null;
    const [affected] = await executor
      .select({ id: cases.id, ref: cases.ref, policyId: cases.policyId })
      .from(cases)
      .where(eq(cases.id, caseId));
    return affected ?? null;
  }

  /** The case's participants whose mail bounced, and since when, in order of joining. */
  async failingOnCase(executor: Executor, caseId: string) {
    return executor
      .select({
        email: participants.email,
        name: participants.name,
        failingSince: participants.failingSince,
      })
      .from(participants)
      .where(and(eq(participants.caseId, caseId), isNotNull(participants.failingSince)))
      .orderBy(asc(participants.position));
  }

  /**
   * The agencies among the case's whose directory lists the address as a contact (none for
   * anyone else): which agency they speak for decides their side of the disagreement.
   */
  async agenciesOfDirectoryContact(
    executor: Executor,
    policyId: string,
    agencyNames: string[],
    address: string,
  ): Promise<string[]> {
    const rows = await executor
      .selectDistinct({ name: agencies.name })
      .from(agencyContacts)
      .innerJoin(agencies, eq(agencies.id, agencyContacts.agencyId))
      .where(
        and(
          eq(agencies.policyId, policyId),
          inArray(agencies.name, agencyNames),
          eq(agencyContacts.email, addressKey(address)),
        ),
      );
    return rows.map((row) => row.name);
  }
}
