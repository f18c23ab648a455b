import { Casework } from '@escalations/casework';
import { testEngines } from '@escalations/db/testing';
import request from 'supertest';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';
import { OverviewService } from './overview.service';

/**
 * The overview's figures against a fixture counted by hand: NEL, the clock at Wed 25 Nov 2026
 * 12:00 (GMT), so "this month" is November and "due soon" runs to the fifth working day after
 * today, Wed 2 Dec. NEL's stage 1 is due the working day after the raise (D0 + 1), 17:00;
 * a stage's working days run from the day it began to the day it ended.
 *
 * | case | raised          | what happens                          | counts as                       |
 * |------|-----------------|---------------------------------------|---------------------------------|
 * | S    | Mon 26 Oct      | resolved Tue 27 Oct: 1 working day    | median only (not this month)    |
 * | P    | Mon 2 Nov       | resolved Wed 4 Nov: 2 working days    | resolved this month; median     |
 * | Q    | Mon 9 Nov       | resolved Fri 13 Nov: 4 working days   | resolved this month; median     |
 * | R    | Mon 16 Nov      | resolved Tue 17 Nov: 1 working day    | resolved this month; median     |
 * | T    | Thu 5 Nov       | stage 1 breached Fri 6 Nov 17:00; stage 2 due Mon 16 Nov | a breach this month; overdue now |
 * | U    | Tue 24 Nov      | stage 1 due Wed 25 Nov 17:00          | due soon                        |
 * | V    | Wed 25 Nov      | stage 1 due Thu 26 Nov 17:00          | due soon                        |
 * | K    | Mon 2 Nov (kirklees) | resolved Tue 3 Nov                | another partnership: none of NEL's |
 *
 * So: open 3 (T at stage 2, U and V at stage 1), overdue 1, due soon 2, breaches this month 1,
 * resolved this month 3, and the median of S, P, Q, R's 1, 2, 4, 1 working days: 1.5.
 */
describe.each(testEngines())('the overview on %s', (engine) => {
  let api: ApiHarness;
  const refs: Record<string, string> = {};

  async function raise(name: string, at: string, policy = 'nel') {
    api.clock.now = new Date(at);
    const response = await request(api.server)
      .post('/api/v1/cases')
      .set({ Authorization: `Bearer ${api.adminKey}` })
      .send({
        policy,
        caseName: `Child ${name}`,
        agency: 'Health',
        otherAgency: "Children's Services",
        disagreement: 'Whether the threshold is met',
        raisedBy: { name: 'Pat Practitioner', email: 'pat@health.example' },
        raisedAt: at,
      })
      .expect(201);
    refs[name] = response.body.ref as string;
  }

  async function resolve(name: string, at: string) {
    api.clock.now = new Date(at);
    await request(api.server)
      .post(`/api/v1/cases/${refs[name]}/actions`)
      .set({ Authorization: `Bearer ${api.adminKey}` })
      .send({ action: 'resolve', text: 'Agreed' })
      .expect(200);
  }

  beforeAll(async () => {
    api = await startApiHarness(engine);
    await raise('S', '2026-10-26T10:00:00Z');
    await resolve('S', '2026-10-27T10:00:00Z');
    await raise('P', '2026-11-02T10:00:00Z');
    await resolve('P', '2026-11-04T10:00:00Z');
    await raise('Q', '2026-11-09T10:00:00Z');
    await resolve('Q', '2026-11-13T10:00:00Z');
    await raise('R', '2026-11-16T10:00:00Z');
    await resolve('R', '2026-11-17T10:00:00Z');
    await raise('T', '2026-11-05T10:00:00Z');
    api.clock.now = new Date('2026-11-06T17:30:00Z');
    const breached = await api.app
      .get(Casework)
      .apply(
        refs.T!,
        { kind: 'breach', stage: 1 },
        { kind: 'scheduler', id: 'scheduler', verified: true },
      );
    expect(breached.ok).toBe(true);
    await raise('U', '2026-11-24T10:00:00Z');
    await raise('V', '2026-11-25T10:00:00Z');
    await raise('K', '2026-11-02T10:00:00Z', 'kirklees');
    await resolve('K', '2026-11-03T10:00:00Z');
    api.clock.now = new Date('2026-11-25T12:00:00Z');
  }, 180_000);
  afterAll(() => api.close());

  it('counts what the fixture says, by hand', async () => {
    const caller = {
      keyId: 'k',
      label: 'overview test',
      role: 'auditor' as const,
      policies: ['nel'],
    };
    const [nel] = await api.app.get(OverviewService).partnerships(caller);
    expect(nel).toMatchObject({
      policy: { id: 'nel' },
      month: '2026-11',
      open: 3,
      overdue: 1,
      dueSoon: 2,
      breachesThisMonth: 1,
      resolvedThisMonth: 3,
      medianWorkingDaysToResolve: 1.5,
      resolvedForMedian: 4,
    });
    expect(nel!.openByStage.slice(0, 2)).toEqual([
      expect.objectContaining({ stage: 1, open: 2 }),
      expect.objectContaining({ stage: 2, open: 1 }),
    ]);
    expect(nel!.overdueCases.map((c) => c.ref)).toEqual([refs.T]);
  });

  it('moves with the clock: on Thu 26 Nov at 18:00 U and V are overdue too', async () => {
    // U due Wed 25 17:00 and V due Thu 26 17:00 have both passed; nothing is left due soon
    api.clock.now = new Date('2026-11-26T18:00:00Z');
    const caller = {
      keyId: 'k',
      label: 'overview test',
      role: 'auditor' as const,
      policies: ['nel'],
    };
    const [nel] = await api.app.get(OverviewService).partnerships(caller);
    expect(nel).toMatchObject({ overdue: 3, dueSoon: 0, resolvedThisMonth: 3 });
  });
});
