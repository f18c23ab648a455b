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
  const agencies = new AgencyRepository();
  const agency = await agencies.findByAnyName(executor, policyId, form.agency);
  const otherAgency = await agencies.findByAnyName(executor, policyId, form.otherAgency);
  return {
    agency: agency?.name ?? form.agency,
    otherAgency: otherAgency?.name ?? form.otherAgency,
  };
}
