import type { PolicyFile } from '@escalations/domain';

/**
 * How a missed timed step is named in the reports, the CSV and the digest, beside the stages'
 * own breaches: "stage 5: The Chair's recommendation of the most appropriate way to proceed".
 */
export function stepLabel(policy: PolicyFile | undefined, stage: number, stepId: string): string {
  const title = policy?.stages[stage - 1]?.steps.find((step) => step.id === stepId)?.title;
  return `stage ${stage}: ${title ?? stepId}`;
}
