import request from 'supertest';
import { Casework } from '@escalations/casework';
import { testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';
import type { presentCase } from './case.view';

type CaseView = ReturnType<typeof presentCase>;

/*
 * Issue 10, item 1: "Partnership staff and admins acting through the API may close either
 * way, recorded as theirs." POST /cases/:ref/actions takes `agree` besides `resolve`.
 */

const ADMIN = 'api-key:test admin';
const SAM = 'sam.cole@cs.example.gov.uk';

describe.each(testEngines())('closing either way through the API on %s', (engine) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(engine);
  }, 60_000);
  afterAll(() => api.close());

  const post = (path: string, body: object) =>
    request(api.server).post(path).set('Authorization', `Bearer ${api.adminKey}`).send(body);

  async function openWithProposal(): Promise<string> {
    const opened = await post('/api/v1/cases', {
      policy: 'nel',
      caseName: 'Child A',
      agency: 'Riverside Primary School',
      otherAgency: "Children's Services",
      disagreement: 'Whether the referral meets the threshold',
      raisedBy: { name: 'Asha Patel', email: 'asha.patel@riverside.example.org' },
      otherPractitioner: { name: 'Sam Cole', email: SAM },
    }).expect(201);
    const ref = (opened.body as CaseView).ref;
    const proposed = await api.app
      .get(Casework)
      .apply(
        ref,
        { kind: 'resolve', outcome: 'We stand by the decision.' },
        { kind: 'participant', id: SAM, verified: true },
      );
    expect(proposed.ok && proposed.state).toMatchObject({
      status: 'open',
      proposal: { text: 'We stand by the decision.', by: SAM },
    });
    return ref;
  }

  it('an administrator AGREEs to the proposal: closed with it as the agreed outcome, recorded as theirs', async () => {
    const ref = await openWithProposal();
    const shown = (
      await request(api.server)
        .get(`/api/v1/cases/${ref}`)
        .set('Authorization', `Bearer ${api.auditorKey}`)
        .expect(200)
    ).body as CaseView;
    expect(shown.proposal).toMatchObject({ text: 'We stand by the decision.', by: SAM });
    expect(shown.participants.map((p) => [p.email, p.side ?? null])).toEqual([
      ['asha.patel@riverside.example.org', 'raising'],
      [SAM, 'other'],
    ]);

    const agreed = (
      await post(`/api/v1/cases/${ref}/actions`, {
        action: 'agree',
        text: 'Agreed at the partnership meeting',
      }).expect(200)
    ).body as CaseView;
    expect(agreed).toMatchObject({
      status: 'resolved',
      closingText: 'We stand by the decision.',
      proposal: null,
    });
    const events = (
      await request(api.server)
        .get(`/api/v1/cases/${ref}/events`)
        .set('Authorization', `Bearer ${api.adminKey}`)
        .expect(200)
    ).body as { type: string; actor: string }[];
    expect(events.at(-1)).toMatchObject({ type: 'resolved', actor: ADMIN });
  });

  it('an administrator may resolve with another outcome instead, or withdraw', async () => {
    const resolved = (
      await post(`/api/v1/cases/${await openWithProposal()}/actions`, {
        action: 'resolve',
        text: 'An assessment will go ahead.',
      }).expect(200)
    ).body as CaseView;
    expect(resolved).toMatchObject({
      status: 'resolved',
      closingText: 'An assessment will go ahead.',
    });
    const withdrawn = (
      await post(`/api/v1/cases/${await openWithProposal()}/actions`, {
        action: 'withdraw',
        text: 'Raised in error',
      }).expect(200)
    ).body as CaseView;
    expect(withdrawn.status).toBe('withdrawn');
  });

  it('refuses AGREE with nothing proposed (409, no-proposal)', async () => {
    const opened = await post('/api/v1/cases', {
      policy: 'nel',
      caseName: 'Child B',
      agency: 'Riverside Primary School',
      otherAgency: "Children's Services",
      disagreement: 'Whether the referral meets the threshold',
      raisedBy: { name: 'Asha Patel', email: 'asha.patel@riverside.example.org' },
    }).expect(201);
    const refused = await post(`/api/v1/cases/${(opened.body as CaseView).ref}/actions`, {
      action: 'agree',
    });
    expect(refused.status).toBe(409);
    expect((refused.body as { error: { code: string } }).error.code).toBe('no-proposal');
  });
});
