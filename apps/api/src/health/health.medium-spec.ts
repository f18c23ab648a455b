import request from 'supertest';
import { testEngines } from '@escalations/db/testing';
import { policyLibrary, startApiHarness, type ApiHarness } from '../testing/api-harness';

describe.each(testEngines())('health and authentication on %s', (engine) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(engine);
  }, 60_000);
  afterAll(() => api.close());

  it('answers /health without a key when the database answers', async () => {
    const response = await request(api.server).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('says on /health which partnership roles have no address and where their mail goes (issue 10, item 4)', async () => {
    const response = await request(api.server).get('/health').expect(200);
    const declared = [...policyLibrary().policies.values()].flatMap((p) => p.partnershipRoles);
    expect(response.body.partnershipRoles.withoutAddress).toHaveLength(declared.length);
    expect(response.body.partnershipRoles.withoutAddress).toContainEqual({
      policy: 'nel',
      role: 'businessManager',
      mailGoesTo: 'nel-business-manager@escalations.localhost',
    });
  });

  it('refuses the API without a key, in the error shape', async () => {
    const response = await request(api.server).get('/api/v1/cases').expect(401);
    expect(response.body).toEqual({
      error: { code: 'unauthorized', message: expect.stringContaining('Bearer') },
    });
  });
});

describe.each(testEngines())('/health with PARTNERSHIP_CONTACTS on %s', (engine) => {
  let api: ApiHarness;
  beforeAll(async () => {
    const everyRole = Object.fromEntries(
      [...policyLibrary().policies.values()].map((policy) => [
        policy.id,
        Object.fromEntries(
          policy.partnershipRoles
            .filter((role) => !(policy.id === 'nel' && role.key === 'chair'))
            .map((role) => [role.key, [`${role.key}@${policy.id}.example.gov.uk`]]),
        ),
      ]),
    );
    api = await startApiHarness(engine, undefined, { partnershipContacts: everyRole });
  }, 60_000);
  afterAll(() => api.close());

  it('names only the roles still without an address', async () => {
    await request(api.server)
      .get('/health')
      .expect(200, {
        status: 'ok',
        database: 'ok',
        partnershipRoles: {
          withoutAddress: [
            { policy: 'nel', role: 'chair', mailGoesTo: 'nel-chair@escalations.localhost' },
          ],
        },
        calendars: { runningOut: [] },
      });
  });
});

describe.each(testEngines())('/health reads the partnership directory on %s', (engine) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(engine, undefined, {
      partnershipContacts: { nel: { businessManager: ['seed.bm@nel.example.gov.uk'] } },
    });
  }, 60_000);
  afterAll(() => api.close());

  const nelWithoutAddress = async () => {
    const response = await request(api.server).get('/health').expect(200);
    return (response.body.partnershipRoles.withoutAddress as { policy: string; role: string }[])
      .filter((role) => role.policy === 'nel')
      .map((role) => role.role);
  };

  it('clears a role once its contact is set through the API, with no restart (issue 13, item 3)', async () => {
    expect(await nelWithoutAddress()).toEqual(['chair']);
    await request(api.server)
      .put('/api/v1/policies/nel/contacts')
      .set({ Authorization: `Bearer ${api.adminKey}` })
      .send({ chair: ['chair@nel.example.gov.uk'] })
      .expect(200);
    expect(await nelWithoutAddress()).toEqual([]);
  });

  it('names a role again when the directory empties it, whatever PARTNERSHIP_CONTACTS seeded', async () => {
    await request(api.server)
      .put('/api/v1/policies/nel/contacts')
      .set({ Authorization: `Bearer ${api.adminKey}` })
      .send({ businessManager: [], chair: ['chair@nel.example.gov.uk'] })
      .expect(200);
    expect(await nelWithoutAddress()).toEqual(['businessManager']);
  });
});
