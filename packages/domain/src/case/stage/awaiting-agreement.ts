import type { CaseState } from '../case-state';

/**
 * For the reminder and the breach notice: the outcome the other side proposed that still
 * waits for the raising side's AGREE, so the deadline's notices say what would close it.
 */
export function awaitingAgreement(state: CaseState): Record<string, unknown> {
  const proposal = state.proposal;
  if (!proposal) return {};
  return {
    awaitingAgreement: {
      text: proposal.text,
      outstanding: proposal.outstanding,
      by: proposal.by,
      at: proposal.at,
      raisingAgency: state.agency,
    },
  };
}
