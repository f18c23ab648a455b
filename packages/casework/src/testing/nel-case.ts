import type { Actor } from '@escalations/domain';
import type { OpenCaseInput } from '../casework';

/** The practitioner who raises the specs' cases, verified. */
export const RAISING_PRACTITIONER: Actor = {
  kind: 'participant',
  id: 'asha.patel@school.example.org',
  verified: true,
};

/** A NEL case as its escalation form gives it, raised at `raisedAt`; any field overridden. */
export function nelCase(raisedAt: Date, overrides: Partial<OpenCaseInput> = {}): OpenCaseInput {
  return {
    policyId: 'nel',
    raisedAt,
    raisedBy: { name: 'Asha Patel', email: RAISING_PRACTITIONER.id },
    caseName: 'Child A',
    agency: 'Grange Primary School',
    otherAgency: "Children's Services",
    disagreement: 'Referral closed without assessment',
    category: 'other',
    risk: 'standard',
    startStage: 1,
    otherPractitioner: { email: 'sam.cole@council.example.gov.uk' },
    ...overrides,
  };
}
