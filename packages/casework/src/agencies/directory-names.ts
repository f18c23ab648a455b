import { AgencyRepository, type Executor } from '@escalations/db';

interface AgencyNames {
  agency: string;
  otherAgency: string;
}

/**
 * The forms' agency names as the directory spells them, where its name or an alias matches
 * (case-insensitive): "royal london hospital" and "RLH" become one agency, so reports group
 * by agency and its contacts are known. A name the directory lacks stays as written. Several
 * forms, of any policies, in one statement.
 */
export async function directoryNamesOfEach(
  executor: Executor,
  forms: readonly (AgencyNames & { policyId: string })[],
): Promise<AgencyNames[]> {
  // one statement for them all: it runs in the transaction that opens every case
  const found = await new AgencyRepository().findByAnyNamesOfEach(
    executor,
    forms.map(({ policyId, agency, otherAgency }) => ({ policyId, names: [agency, otherAgency] })),
  );
  return forms.map((form) => {
    const ofPolicy = found.get(form.policyId);
    return {
      agency: ofPolicy?.get(form.agency)?.name ?? form.agency,
      otherAgency: ofPolicy?.get(form.otherAgency)?.name ?? form.otherAgency,
    };
  });
}
