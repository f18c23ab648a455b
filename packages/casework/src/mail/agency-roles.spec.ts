import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { agenciesOnCase, agencyRolesAt } from './agency-roles';

const nel = readPolicyLibrary(defaultPoliciesDir(__dirname)).policies.get('nel')!;

describe('who acts for each agency at a stage (the role ladder)', () => {
  const typed = new Map([
    ['Royal London Hospital', 'health'],
    ['Riverside Primary School', 'education'],
  ]);
  const agencies = ['Riverside Primary School', 'Royal London Hospital', 'A charity'];

  // NEL: "Stage 3 | Escalate to Head of Service | ... | Named Nurse | ..."
  it('names NEL stage 3 for Health: Named Nurse; for a school, the education column', () => {
    expect(agencyRolesAt(nel, typed, agencies, 3)).toEqual([
      {
        agency: 'Riverside Primary School',
        agencyType: 'Early Years Provider / School / Academy',
        whoActs:
          'Service Area Manager specific to education area / Education Services Safeguarding Lead',
      },
      { agency: 'Royal London Hospital', agencyType: 'Health', whoActs: 'Named Nurse' },
    ]);
  });

  it('leaves out an agency of no known type, and a stage the policy does not have', () => {
    expect(agencyRolesAt(nel, new Map(), agencies, 3)).toEqual([]);
    expect(agencyRolesAt(nel, typed, agencies, 99)).toEqual([]);
  });

  it('takes the case’s agencies once each: raising, other, then the participants’', () => {
    expect(
      agenciesOnCase({
        agency: 'A',
        otherAgency: 'B',
        participants: [{ agency: 'B' }, { agency: 'C' }, {}] as never,
      }),
    ).toEqual(['A', 'B', 'C']);
  });
});
