import request from 'supertest';
import { testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/** Issue 10, item 3: administrators bring people onto a case with the action `add`. */
describe.each(testEngines())('POST /cases/:ref/actions with add, on %s', (engine) => {
  let api: ApiHarness;
  let ref: string;
  beforeAll(async () => {
    api = await startApiHarness(engine);
    const opened = await request(api.server)
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .send({
        policy: 'nel',
        caseName: 'Child A (NHS 943 476 5919)',
        agency: 'Riverside Primary School',
        otherAgency: "Children's Services",
        disagreement: 'Whether the referral meets the threshold for an assessment',
        raisedBy: { name: 'Asha Patel', email: 'asha.patel@riverside.example.org' },
      })
      .expect(201);
    ref = (opened.body as { ref: string }).ref;
  }, 60_000);
  afterAll(() => api.close());

  const act = (body: Record<string, unknown>) =>
    request(api.server)
      .post(`/api/v1/cases/${ref}/actions`)
      .set('Authorization', `Bearer ${api.adminKey}`)
      .send(body);

  it('adds the people with their roles, recorded as the administrator’s', async () => {
    const response = await act({
      action: 'add',
      people: [
        { name: 'Jo Lane', email: 'jo.lane@cs.example.gov.uk', roleTitle: 'Service Manager' },
      ],
      text: 'Jo holds stage 1 for the council',
    }).expect(200);
    expect((response.body as { participants: unknown[] }).participants).toContainEqual({
      email: 'jo.lane@cs.example.gov.uk',
      name: 'Jo Lane',
      role: 'added',
      roleTitle: 'Service Manager',
      joinedAtStage: 1,
    });
    const events = await request(api.server)
      .get(`/api/v1/cases/${ref}/events`)
      .set('Authorization', `Bearer ${api.adminKey}`)
      .expect(200);
    expect(events.body as { type: string; data: Record<string, unknown> }[]).toContainEqual(
      expect.objectContaining({
        type: 'participant-added',
        data: expect.objectContaining({
          email: 'jo.lane@cs.example.gov.uk',
          addedBy: 'api-key:test admin',
        }),
      }),
    );
  });

  it('refuses an add naming nobody, or an address that is not one, with 400', async () => {
    const nobody = await act({ action: 'add', people: [] });
    expect(nobody.status).toBe(400);
    expect(JSON.stringify(nobody.body)).toContain('people must name at least one person');
    const bad = await act({ action: 'add', people: [{ email: 'jo@council' }] });
    expect(bad.status).toBe(400);
  });

  it('refuses an add of someone already on the case with 409, saying so', async () => {
    const response = await act({
      action: 'add',
      people: [{ email: 'asha.patel@riverside.example.org' }],
    });
    expect(response.status).toBe(409);
    expect(JSON.stringify(response.body)).toContain('is already on the case; nobody was added.');
  });
});
