import { AgencyRepository, type Executor } from '@escalations/db';

/**
 * The form's agency names as the directory spells them, where its name or an alias matches
 * (case-insensitive): "royal london hospital" and "RLH" become one agency, so reports group
 * by agency and its contacts are known. A name the directory lacks stays as written.
 */
export async function directoryNames(
  executor: Executor,
  policyId: string,
  form: { agency: string; otherAgency: string },
): Promise<{ agency: string; otherAgency: string }> {
  // one statement for both: it runs in the transaction that opens every case
  const found = await new AgencyRepository().findByAnyNames(executor, policyId, [
    form.agency,
    form.otherAgency,
  ]);
  return {
    agency: found.get(form.agency)?.name ?? form.agency,
    otherAgency: found.get(form.otherAgency)?.name ?? form.otherAgency,
  };
}
