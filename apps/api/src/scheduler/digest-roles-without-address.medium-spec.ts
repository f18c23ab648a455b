import request from 'supertest';
import { messages, outbox } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { eq, isNull } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { policyLibrary, startApiHarness, type ApiHarness } from '../testing/api-harness';

/**
 * Issue 10, item 4: a partnership role with no address in PARTNERSHIP_CONTACTS has its mail
 * sent to a mailbox the service's own intake refuses; each policy's weekly digest says which.
 */
describe.each(testEngines())(
  'partnership roles without an address in the weekly digest on %s',
  (engine) => {
    let api: ApiHarness;

    beforeAll(async () => {
      // Every role has an address but NEL's chair; NEL's digest goes to its business manager.
      const contacts = Object.fromEntries(
        [...policyLibrary().policies.values()].map((policy) => [
          policy.id,
          Object.fromEntries(
            policy.partnershipRoles
              .filter((role) => !(policy.id === 'nel' && role.key === 'chair'))
              .map((role) => [role.key, [`${role.key.toLowerCase()}@${policy.id}.example.gov.uk`]]),
          ),
        ]),
      );
      // Summer time: Monday 09:00 in London is 08:00Z.
      api = await startApiHarness(engine, new Date('2026-09-07T08:00:00Z'), {
        partnershipContacts: contacts,
      });
      await request(api.server)
        .post('/api/v1/scheduler/run')
        .set('Authorization', `Bearer ${api.adminKey}`)
        .expect(200);
    }, 60_000);
    afterAll(() => api.close());

    async function digestTo(address: string): Promise<string> {
      const rows = await api.database.db
        .select({ raw: messages.raw, recipients: outbox.recipients })
        .from(outbox)
        .innerJoin(messages, eq(messages.id, outbox.messageId))
        .where(isNull(outbox.caseId));
      const row = rows.find((r) => r.recipients.includes(address));
      expect(row).toBeDefined();
      return (await simpleParser(row!.raw)).text ?? '';
    }

    it('names the role, its title and where its mail goes', async () => {
      const text = await digestTo('businessmanager@nel.example.gov.uk');
      expect(text).toContain('These partnership roles of North East Lincolnshire');
      expect(text).toContain(
        '  chair (NEL SCP Chair / SAB Chair): nel-chair@escalations.localhost',
      );
      expect(text).toContain('An administrator adds them with PUT /api/v1/policies/nel/contacts.');
    });

    it('says nothing of it where every role has an address', async () => {
      const islands = policyLibrary().policies.get('islands')!;
      const text = await digestTo(
        `${islands.partnershipContact.toLowerCase()}@islands.example.gov.uk`,
      );
      expect(text).toContain('The standing record of ongoing disagreements');
      expect(text).not.toContain('have no address');
    });
  },
);

describe.each(testEngines())(
  'the weekly digest reads the partnership directory on %s (issue 13, item 3)',
  (engine) => {
    let api: ApiHarness;

    beforeAll(async () => {
      // PARTNERSHIP_CONTACTS gives NEL's chair no address; the directory, set through the API, does.
      api = await startApiHarness(engine, new Date('2026-09-07T08:00:00Z'), {
        partnershipContacts: { nel: { businessManager: ['bm@nel.example.gov.uk'] } },
      });
      await request(api.server)
        .put('/api/v1/policies/nel/contacts')
        .set('Authorization', `Bearer ${api.adminKey}`)
        .send({ chair: ['chair@nel.example.gov.uk'] })
        .expect(200);
      await request(api.server)
        .post('/api/v1/scheduler/run')
        .set('Authorization', `Bearer ${api.adminKey}`)
        .expect(200);
    }, 60_000);
    afterAll(() => api.close());

    it('names no role of NEL as without an address once the API has given each one', async () => {
      const rows = await api.database.db
        .select({ raw: messages.raw, recipients: outbox.recipients })
        .from(outbox)
        .innerJoin(messages, eq(messages.id, outbox.messageId))
        .where(isNull(outbox.caseId));
      const row = rows.find((r) => r.recipients.includes('bm@nel.example.gov.uk'));
      expect(row).toBeDefined();
      const text = (await simpleParser(row!.raw)).text ?? '';
      expect(text).toContain('The standing record of ongoing disagreements');
      expect(text).not.toContain('have no address');
    });
  },
);
