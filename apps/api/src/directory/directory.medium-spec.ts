import request from 'supertest';
import { eq } from 'drizzle-orm';
import { messages, outbox } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

interface Agency {
  id: string;
  name: string;
  aliases: string[];
  type: string | null;
  contacts: { email: string; name: string | null; stage: number }[];
}

/** Issue 13, item 3: the partnership's directory of roles, and its agencies. */
describe.each(testEngines())('the partnership directory, on %s', (engine) => {
  let api: ApiHarness;
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const admin = () => as(api.adminKey);

  beforeAll(async () => {
    api = await startApiHarness(engine, new Date('2026-11-24T10:00:00Z'), {
      partnershipContacts: { nel: { businessManager: ['seed.bm@nel.example.org'] } },
    });
  }, 60_000);
  afterAll(() => api.close());

  describe('partnership contacts', () => {
    it('start from PARTNERSHIP_CONTACTS, role by role', async () => {
      const response = await request(api.server)
        .get('/api/v1/policies/nel/contacts')
        .set(as(api.auditorKey))
        .expect(200);
      expect(response.body).toEqual({
        policy: 'nel',
        roles: [
          expect.objectContaining({
            role: 'businessManager',
            addresses: ['seed.bm@nel.example.org'],
            from: 'PARTNERSHIP_CONTACTS',
          }),
          expect.objectContaining({ role: 'chair', addresses: [], from: 'none' }),
        ],
      });
    });

    it('refuses a role the policy does not have, or an address that is not one, naming it', async () => {
      const role = await request(api.server)
        .put('/api/v1/policies/nel/contacts')
        .set(admin())
        .send({ viceChair: ['chair@nel.example.org'] })
        .expect(400);
      expect(role.body).toEqual({
        error: expect.objectContaining({
          details: [
            {
              field: 'viceChair',
              message: "not one of nel's partnership roles (businessManager, chair)",
            },
          ],
        }),
      });
      const address = await request(api.server)
        .put('/api/v1/policies/nel/contacts')
        .set(admin())
        .send({ businessManager: ['not an address'] })
        .expect(400);
      expect((address.body as { error: { details: { field: string }[] } }).error.details).toEqual([
        expect.objectContaining({ field: 'businessManager.0' }),
      ]);
      await request(api.server)
        .put('/api/v1/policies/nel/contacts')
        .set(as(api.auditorKey))
        .send({ businessManager: ['x@nel.example.org'] })
        .expect(403);
      await request(api.server).get('/api/v1/policies/nowhere/contacts').set(admin()).expect(404);
    });

    it('an administrator replaces them; the directory then wins over the seed', async () => {
      const response = await request(api.server)
        .put('/api/v1/policies/nel/contacts')
        .set(admin())
        .send({ businessManager: ['BM@NEL.example.org', 'deputy.bm@nel.example.org'] })
        .expect(200);
      expect(response.body).toEqual({
        policy: 'nel',
        roles: [
          expect.objectContaining({
            role: 'businessManager',
            addresses: ['bm@nel.example.org', 'deputy.bm@nel.example.org'],
            from: 'directory',
          }),
          expect.objectContaining({ role: 'chair', addresses: [], from: 'none' }),
        ],
      });
      const read = await request(api.server).get('/api/v1/policies/nel/contacts').set(admin());
      expect(read.body).toEqual(response.body);
    });
  });

  describe('agencies', () => {
    let hospital: Agency;

    it('are validated against the policy: its agency types and stages, naming the field', async () => {
      const type = await request(api.server)
        .post('/api/v1/agencies')
        .set(admin())
        .send({ policy: 'nel', name: 'Royal London Hospital', type: 'hospital' })
        .expect(400);
      expect((type.body as { error: { details: unknown } }).error.details).toEqual([
        {
          field: 'type',
          message:
            '"hospital" is not one of nel\'s agency types (education, health, childrens-services, focus, police)',
        },
      ]);
      const stage = await request(api.server)
        .post('/api/v1/agencies')
        .set(admin())
        .send({
          policy: 'nel',
          name: 'Royal London Hospital',
          type: 'health',
          contacts: [{ email: 'nurse@rlh.example.org', stage: 9 }],
        })
        .expect(400);
      expect((stage.body as { error: { details: unknown } }).error.details).toEqual([
        { field: 'contacts.0.stage', message: 'nel has stages 1 to 5' },
      ]);
      await request(api.server)
        .post('/api/v1/agencies')
        .set(admin())
        .send({ policy: 'nowhere', name: 'X' })
        .expect(404);
      await request(api.server).get('/api/v1/agencies').set(admin()).expect(200, []);
    });

    it('are created with their aliases, type and contacts, and listed', async () => {
      const created = await request(api.server)
        .post('/api/v1/agencies')
        .set(admin())
        .send({
          policy: 'nel',
          name: 'Royal London Hospital',
          aliases: ['RLH', 'Barts Health'],
          type: 'health',
          contacts: [{ email: 'Named.Nurse@rlh.example.org', name: 'Pat Lee', stage: 3 }],
        })
        .expect(201);
      hospital = created.body as Agency;
      expect(hospital).toEqual(
        expect.objectContaining({
          name: 'Royal London Hospital',
          aliases: ['RLH', 'Barts Health'],
          type: 'health',
          typeLabel: 'Health',
          contacts: [{ email: 'named.nurse@rlh.example.org', name: 'Pat Lee', stage: 3 }],
        }),
      );
      const list = await request(api.server)
        .get('/api/v1/agencies')
        .query({ policy: 'nel' })
        .set(as(api.auditorKey))
        .expect(200);
      expect((list.body as Agency[]).map((a) => a.name)).toEqual(['Royal London Hospital']);
    });

    it('refuses a name or alias another agency of the policy already answers to', async () => {
      const taken = await request(api.server)
        .post('/api/v1/agencies')
        .set(admin())
        .send({ policy: 'nel', name: 'Riverside Primary School', aliases: ['rlh'] })
        .expect(400);
      expect((taken.body as { error: { details: unknown } }).error.details).toEqual([
        { field: 'aliases.0', message: '"rlh" already names Royal London Hospital' },
      ]);
    });

    it('are changed field by field, and deleted', async () => {
      const school = await request(api.server)
        .post('/api/v1/agencies')
        .set(admin())
        .send({ policy: 'nel', name: 'Riverside School' })
        .expect(201);
      const id = (school.body as Agency).id;
      const patched = await request(api.server)
        .patch(`/api/v1/agencies/${id}`)
        .set(admin())
        .send({ name: 'Riverside Primary School', type: 'education' })
        .expect(200);
      expect(patched.body).toEqual(
        expect.objectContaining({
          name: 'Riverside Primary School',
          type: 'education',
          aliases: [],
        }),
      );
      await request(api.server)
        .patch(`/api/v1/agencies/${id}`)
        .set(admin())
        .send({ type: 'school' })
        .expect(400);
      await request(api.server)
        .patch(`/api/v1/agencies/${id}`)
        .set(as(api.auditorKey))
        .send({ type: 'health' })
        .expect(403);
      const spare = await request(api.server)
        .post('/api/v1/agencies')
        .set(admin())
        .send({ policy: 'nel', name: 'Spare' })
        .expect(201);
      const spareId = (spare.body as Agency).id;
      await request(api.server).delete(`/api/v1/agencies/${spareId}`).set(admin()).expect(200);
      await request(api.server).delete(`/api/v1/agencies/${spareId}`).set(admin()).expect(404);
      await request(api.server)
        .patch('/api/v1/agencies/not-an-id')
        .set(admin())
        .send({})
        .expect(404);
    });

    it('match the form’s agency names (aliases, any case), and notices name who acts for each at the stage', async () => {
      const opened = await request(api.server)
        .post('/api/v1/cases')
        .set(admin())
        .send({
          policy: 'nel',
          caseName: 'Child A',
          agency: '  riverside primary SCHOOL ',
          otherAgency: 'rlh',
          disagreement: 'Whether the referral meets the threshold',
          raisedBy: { name: 'Asha Patel', email: 'asha.patel@riverside.example.org' },
        })
        .expect(201);
      const ref = (opened.body as { ref: string }).ref;
      expect(opened.body).toEqual(
        expect.objectContaining({
          agency: 'Riverside Primary School',
          otherAgency: 'Royal London Hospital',
        }),
      );
      for (let stage = 1; stage < 5; stage++)
        await request(api.server)
          .post(`/api/v1/cases/${ref}/actions`)
          .set(admin())
          .send({ action: 'escalate', text: `Not resolved at stage ${stage}` })
          .expect(200);
      const mail = await api.database.db.select().from(outbox);
      const texts = await Promise.all(
        mail.map(async (row) => {
          const [message] = await api.database.db
            .select()
            .from(messages)
            .where(eq(messages.id, row.messageId));
          return { recipients: row.recipients, text: message!.raw.toString('utf8') };
        }),
      );
      // NEL stage 3: "... | Named Nurse | ..." for Health
      expect(texts.map((t) => t.text).join('\n')).toMatch(
        /Royal London Hospital \(Health\): Named Nurse/,
      );
      // the stage 5 notice to the Business Manager goes to the directory's addresses, not the seed
      const toPartnership = texts.filter((t) => t.recipients.includes('bm@nel.example.org'));
      expect(toPartnership.length).toBeGreaterThan(0);
      expect(toPartnership[0]!.recipients).toEqual([
        'bm@nel.example.org',
        'deputy.bm@nel.example.org',
      ]);
      expect(texts.some((t) => t.recipients.includes('seed.bm@nel.example.org'))).toBe(false);
    });
  });
});
