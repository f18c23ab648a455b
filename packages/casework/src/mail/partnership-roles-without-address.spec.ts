import { join } from 'node:path';
import { readPolicyLibrary } from '@escalations/domain/files';
import type { MailSettings } from './mail-settings';
import {
  describeRolesWithoutAddress,
  partnershipRolesWithoutAddress,
} from './partnership-roles-without-address';

const library = readPolicyLibrary(join(__dirname, '../../../../policies'));
const settings = (partnershipContacts: MailSettings['partnershipContacts']) =>
  ({ domain: 'escalations.example.org', partnershipContacts }) as MailSettings;

describe('partnership roles without an address (issue 10, item 4)', () => {
  it('lists every role of every policy when there is no PARTNERSHIP_CONTACTS, with where its mail goes', () => {
    const roles = partnershipRolesWithoutAddress(settings({}), library);
    const declared = [...library.policies.values()].flatMap((policy) => policy.partnershipRoles);
    expect(roles).toHaveLength(declared.length);
    expect(roles).toContainEqual({
      policyId: 'nel',
      role: 'businessManager',
      title: 'NEL SCP Business Manager / SAB Business Manager',
      mailGoesTo: 'nel-business-manager@escalations.example.org',
    });
  });

  it('leaves out the roles that have an address', () => {
    const roles = partnershipRolesWithoutAddress(
      settings({ nel: { businessManager: ['bm@nel.example.gov.uk'] } }),
      library,
    );
    expect(roles.filter((role) => role.policyId === 'nel').map((role) => role.role)).toEqual([
      'chair',
    ]);
  });

  it('prints, per policy, which roles have no address and where their mail goes', () => {
    const lines = describeRolesWithoutAddress(
      partnershipRolesWithoutAddress(
        settings({ nel: { businessManager: ['bm@nel.example.gov.uk'] } }),
        library,
      ),
    );
    expect(lines[0]).toMatch(
      /^Partnership roles without an address \(set them with PUT \/api\/v1\/policies\/<id>\/contacts$/,
    );
    expect(lines[1]).toMatch(/^or PARTNERSHIP_CONTACTS\)/);
    expect(lines).toContain('  nel         chair → nel-chair@escalations.example.org');
    expect(lines).toContain(
      '  south-glos  strategicSafeguardingServiceManager → south-glos-strategic-safeguarding-service-manager@escalations.example.org',
    );
    expect(lines).toContain('              chair → south-glos-chair@escalations.example.org');
    expect(lines.filter((line) => line.startsWith('  '))).toHaveLength(
      [...library.policies.values()].flatMap((policy) => policy.partnershipRoles).length - 1,
    );
  });

  it('prints nothing when every role has an address', () => {
    const everyRole = Object.fromEntries(
      [...library.policies.values()].map((policy) => [
        policy.id,
        Object.fromEntries(policy.partnershipRoles.map((role) => [role.key, ['x@example.org']])),
      ]),
    );
    const roles = partnershipRolesWithoutAddress(settings(everyRole), library);
    expect(roles).toEqual([]);
    expect(describeRolesWithoutAddress(roles)).toEqual([]);
  });
});
