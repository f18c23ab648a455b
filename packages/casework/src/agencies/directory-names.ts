import { AgencyRepository, type Executor } from '@escalations/db';

interface AgencyNames {
  agency: string;
  otherAgency: string;
}

/**
 * The forms' agency names as the directory spells them, where its name or an alias matches
 * (case-insensitive): "royal london hospital" and "RLH" become one agency, so reports group
 * by agency and its contacts are known. A name the directory lacks stays as written. Several
 * forms of one policy, in one statement.
 */
export async function directoryNamesOfEach(
  executor: Executor,
  policyId: string,
  forms: readonly AgencyNames[],
): Promise<AgencyNames[]> {
  // one statement for them all: it runs in the transaction that opens every case
  const found = await new AgencyRepository().findByAnyNames(
    executor,
    policyId,
    forms.flatMap((form) => [form.agency, form.otherAgency]),
  );
  return forms.map((form) => ({
    agency: found.get(form.agency)?.name ?? form.agency,
    otherAgency: found.get(form.otherAgency)?.name ?? form.otherAgency,
  }));
}
