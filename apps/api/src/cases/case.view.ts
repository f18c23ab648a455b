import type { CaseState, PolicyFile } from '@escalations/domain';

/** A case as the API shows it: the domain's state with the policy's words for each stage. */
export function presentCase(state: CaseState, policy: PolicyFile | undefined) {
  return {
    ref: state.ref,
    policy: state.policyId,
    status: state.status,
    version: state.version,
    raisedAt: state.raisedAt,
    caseName: state.caseName,
    agency: state.agency,
    otherAgency: state.otherAgency,
    disagreement: state.disagreement,
    category: state.category,
    risk: state.risk,
    outcomeSought: state.outcomeSought,
    attemptsSoFar: state.attemptsSoFar,
    currentStage: state.stages.at(-1)?.number ?? null,
    overallDueDate: state.overallDueDate,
    overallDueAt: state.overallDueAt,
    overallBreachedAt: state.overallBreachedAt,
    closedAt: state.closedAt,
    closingText: state.closingText,
    outstanding: state.outstanding,
    // an outcome the other side proposed, awaiting the raising side's AGREE
    proposal: state.proposal,
    participants: state.participants,
    // checkAt is the scheduler's bookkeeping, not part of the record.
    stages: state.stages.map(({ checkAt: _checkAt, steps, ...stage }) => ({
      ...stage,
      title: policy?.stages[stage.number - 1]?.title ?? null,
      // timed steps inside the stage (NEL stage 5: the Chair's recommendation), with their dates
      steps: (steps ?? []).map(({ checkAt: _stepCheckAt, ...step }) => {
        const definition = policy?.stages[stage.number - 1]?.steps.find((d) => d.id === step.id);
        return {
          ...step,
          title: definition?.title ?? null,
          who: definition?.who ?? null,
          reply: definition?.reply ?? null,
        };
      }),
    })),
  };
}
