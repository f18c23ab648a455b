import { AgencyRepository, type Executor } from '@escalations/db';
import type { CaseState, PolicyFile } from '@escalations/domain';

/** Who acts for one agency on the case at a stage, from the policy's role ladder. */
export interface AgencyRole {
  agency: string;
  /** the agency type as the policy labels it (`Health`) */
  agencyType: string;
  /** the ladder's words for that type at that stage (`Named Nurse`) */
  whoActs: string;
}

/** The case's agencies (raising, other, and any a participant speaks for), each once, in order. */
export function agenciesOnCase(state: Pick<CaseState, 'agency' | 'otherAgency' | 'participants'>) {
  return [
    ...new Set([
      state.agency,
      state.otherAgency,
      ...state.participants.flatMap((person) => (person.agency ? [person.agency] : [])),
    ]),
  ];
}

/** For each agency whose type the directory knows, who acts for it at `stage` (if the ladder says). */
export function agencyRolesAt(
  policy: PolicyFile,
  typed: ReadonlyMap<string, string>,
  agencies: readonly string[],
  stage: number,
): AgencyRole[] {
  const ladder = policy.stages[stage - 1]?.roles ?? {};
  return agencies.flatMap((agency) => {
    const type = typed.get(agency);
    const whoActs = type ? ladder[type] : undefined;
    if (!type || !whoActs) return [];
    const agencyType =
      policy.agencyTypes.find((candidate) => candidate.key === type)?.label ?? type;
    return [{ agency, agencyType, whoActs }];
  });
}

/** The directory's types of the case's agencies, read in the transaction that sends the notice. */
export async function agencyTypesOnCase(
  executor: Executor,
  policy: PolicyFile,
  state: Pick<CaseState, 'agency' | 'otherAgency' | 'participants'>,
): Promise<{ agencies: string[]; typed: Map<string, string> }> {
  const agencies = agenciesOnCase(state);
  return { agencies, typed: await new AgencyRepository().typesOf(executor, policy.id, agencies) };
}
