import { eq } from 'drizzle-orm';
import { addressKey } from '@escalations/domain';
import type { Executor } from '../database';
import { partnershipContacts } from '../schema';

/** policy id → partnership role → addresses */
export type PartnershipDirectory = Record<string, Record<string, string[]>>;

/** Who holds each partnership role: the directory an administrator keeps through the API. */
export class PartnershipContactRepository {
  /** Every policy's roles that the directory names (an empty list: named, with no address). */
  async all(executor: Executor): Promise<PartnershipDirectory> {
    const rows = await executor.select().from(partnershipContacts);
    const directory: PartnershipDirectory = {};
    for (const row of rows) (directory[row.policyId] ??= {})[row.role] = row.addresses;
    return directory;
  }

  /** Replace one policy's directory: the roles given, each with its addresses; others removed. */
  async replace(
    executor: Executor,
    policyId: string,
    contacts: Record<string, string[]>,
    at: Date,
  ): Promise<void> {
    await executor.delete(partnershipContacts).where(eq(partnershipContacts.policyId, policyId));
    const rows = Object.entries(contacts).map(([role, addresses]) => ({
      policyId,
      role,
      addresses: addresses.map(addressKey),
      updatedAt: at,
    }));
    if (rows.length > 0) await executor.insert(partnershipContacts).values(rows);
  }
}
