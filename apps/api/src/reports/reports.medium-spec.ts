import request from 'supertest';
import { Casework } from '@escalations/casework';
import { testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/**
 * The reports over a small set of cases seeded through the real path (POST /cases with a past
 * `raisedAt`, then the actions, the clock moved between steps; the breach through casework as
 * the scheduler gives it). Every expected figure is worked out by hand below.
 *
 * NEL (policies/nel.yaml): five stages, "by working day K" counted from the raise, the raise day
 * being day 1 (K = 2, 8, 11, 15, 22), so stage k is due at 17:00 local on D0 + (K - 1) working
 * days, D0 the raise day. November 2026 has no bank holiday in England and is on GMT, so UTC is
 * local time. Its working days: Mon 2 - Fri 6, 9-13, 16-20, 23-27, Mon 30, then Tue 1 Dec...
 *
 * A stage's working days taken count the working days after its start day up to and including
 * the day it ended (begun and ended the same day: 0).
 *
 * The cases (all NEL unless said; raised at 10:00Z):
 *
 * | case | raised         | agency            | category                | what happens                            |
 * |------|----------------|-------------------|-------------------------|-----------------------------------------|
 * | I    | Mon 2 Jun 2025 | Health            | other                   | resolved at stage 1 the same day        |
 * | A    | Mon 2 Nov      | Health            | referral-thresholds     | resolved at stage 1                     |
 * | B    | Tue 3 Nov      | Police            | assessment              | escalated 1→2, stage 2 extended, resolved at 2 |
 * | C    | Wed 4 Nov      | Health            | assessment              | withdrawn at stage 1                    |
 * | D    | Thu 5 Nov      | Health            | drift-or-delay          | stage 1 breached, escalated by the rule, REASON, resolved at 2 |
 * | E    | Mon 9 Nov      | Health            | case-conference-dissent | escalated to stage 5, decided; LEARNING |
 * | F    | Tue 10 Nov     | =HYPERLINK("x")   | referral-thresholds     | escalated to 3, resolved at 3           |
 * | G    | Wed 11 Nov     | Smith, Jones & "Partners" | information-sharing | open, past stage 1's due date, no breach recorded |
 * | H    | Mon 30 Nov     | Police            | other                   | open, inside stage 1's time             |
 * | J    | Mon 2 Nov (kirklees) | Health      | assessment              | resolved at stage 1: never in NEL's figures |
 */
describe.each(testEngines())('reports on %s', (engine) => {
  let api: ApiHarness;
  const refs: Record<string, string> = {};

  const admin = () => ({ Authorization: `Bearer ${api.adminKey}` });

  async function raise(
    name: string,
    at: string,
    form: { agency: string; category: string; otherAgency?: string; policy?: string },
  ): Promise<void> {
    api.clock.now = new Date(at);
    const response = await request(api.server)
      .post('/api/v1/cases')
      .set(admin())
      .send({
        policy: form.policy ?? 'nel',
        caseName: `Child ${name} NHS 943 476 ${name.charCodeAt(0)}`,
        agency: form.agency,
        otherAgency: form.otherAgency ?? "Children's Services",
        disagreement: 'Whether the threshold for a strategy discussion is met',
        raisedBy: { name: 'Pat Practitioner', email: 'pat@health.example' },
        category: form.category,
        raisedAt: at,
      })
      .expect(201);
    refs[name] = response.body.ref as string;
  }

  async function act(
    name: string,
    at: string,
    body: { action: string; text: string; [more: string]: unknown },
  ) {
    api.clock.now = new Date(at);
    await request(api.server)
      .post(`/api/v1/cases/${refs[name]}/actions`)
      .set(admin())
      .send(body)
      .expect(200);
  }

  async function breach(name: string, at: string, stage: number) {
    api.clock.now = new Date(at);
    const result = await api.app
      .get(Casework)
      .apply(
        refs[name]!,
        { kind: 'breach', stage },
        { kind: 'scheduler', id: 'scheduler', verified: true },
      );
    expect(result.ok).toBe(true);
  }

  const escalate = { action: 'escalate', text: 'Not agreed at this level' };
  const resolve = { action: 'resolve', text: 'Agreed: strategy discussion to be held' };

  beforeAll(async () => {
    api = await startApiHarness(engine);

    // I, 2025 (BST: 10:00Z is 11:00 local). Stage 1 due Tue 3 Jun 2025 17:00 BST; resolved at
    // 14:00Z the same day: 0 working days, on time. Outside every 2026 window.
    await raise('I', '2025-06-02T10:00:00Z', { agency: 'Health', category: 'other' });
    await act('I', '2025-06-02T14:00:00Z', resolve);

    // A: stage 1 due Tue 3 Nov 17:00 (D0 + 1); resolved Tue 3 Nov 11:00: 1 working day, on time.
    await raise('A', '2026-11-02T10:00:00Z', { agency: 'Health', category: 'referral-thresholds' });
    await act('A', '2026-11-03T11:00:00Z', resolve);

    // B: stage 1 due Wed 4 Nov; escalated Wed 4 Nov 10:00: 1 day, on time.
    // Stage 2 due D0 + 7 = Thu 12 Nov; resolved Mon 9 Nov: Thu 5, Fri 6, Mon 9 = 3 days, on time.
    await raise('B', '2026-11-03T10:00:00Z', { agency: 'Police', category: 'assessment' });
    await act('B', '2026-11-04T10:00:00Z', escalate);
    // Stage 2's Thu 12 Nov moved 2 working days on, to Mon 16 Nov: still on time.
    await act('B', '2026-11-05T10:00:00Z', {
      action: 'extend',
      text: 'Awaiting the health visitor',
      workingDays: 2,
    });
    await act('B', '2026-11-09T10:00:00Z', resolve);

    // C: stage 1 due Thu 5 Nov 17:00; withdrawn Thu 5 Nov 15:00: 1 day, ended on time.
    await raise('C', '2026-11-04T10:00:00Z', { agency: 'Health', category: 'assessment' });
    await act('C', '2026-11-05T15:00:00Z', { action: 'withdraw', text: 'Resolved informally' });

    // D: stage 1 due Fri 6 Nov 17:00. The scheduler notices at 17:30: the breach is dated
    // 17:00, stage 1 ends then (escalated, 1 day, breached: late) and stage 2 starts at 17:00
    // (entered by the breach rule; 17:00 is not after close of business, so its start day is
    // Fri 6). Stage 2 due D0 + 7 = Mon 16 Nov; resolved Wed 11 Nov: Mon 9, Tue 10, Wed 11 = 3
    // days, on time.
    await raise('D', '2026-11-05T10:00:00Z', { agency: 'Health', category: 'drift-or-delay' });
    await breach('D', '2026-11-06T17:30:00Z', 1);
    await act('D', '2026-11-09T10:00:00Z', { action: 'reason', text: 'The manager was on leave' });
    await act('D', '2026-11-11T10:00:00Z', resolve);

    // E: D0 Mon 9 Nov. Due: stage 1 Tue 10, stage 2 Wed 18, stage 3 Mon 23, stage 4 Fri 27
    // Nov, stage 5 (D0 + 21) Tue 8 Dec. Each step is taken by 10:00 on or before its due day:
    // stage 1 Mon 9 → Tue 10 = 1 day; stage 2 Tue 10 → Thu 12 = 2; stage 3 Thu 12 → Mon 16
    // (Fri 13, Mon 16) = 2; stage 4 Mon 16 → Wed 18 = 2; stage 5 Wed 18 → Mon 23 (Thu 19,
    // Fri 20, Mon 23) = 3, decided. All five on time; 10 working days raise to close.
    await raise('E', '2026-11-09T10:00:00Z', {
      agency: 'Health',
      category: 'case-conference-dissent',
    });
    await act('E', '2026-11-10T10:00:00Z', escalate);
    await act('E', '2026-11-12T10:00:00Z', escalate);
    await act('E', '2026-11-16T10:00:00Z', escalate);
    await act('E', '2026-11-18T10:00:00Z', escalate);
    await act('E', '2026-11-23T10:00:00Z', { action: 'decision', text: 'The Chair decides' });
    // The learning from E's debrief, recorded by an administrator for the agency it came from.
    await act('E', '2026-11-24T10:00:00Z', {
      action: 'learning',
      text: 'Invite health to the conference',
      agency: 'Health',
    });

    // F: D0 Tue 10 Nov. Stage 1 due Wed 11, escalated Wed 11 10:00: 1 day. Stage 2 due D0 + 7 =
    // Thu 19 Nov 17:00, escalated Thu 19 10:00: Thu 12 .. Thu 19 = 6 days. Stage 3 due D0 + 10 =
    // Tue 24 Nov 17:00, resolved Tue 24 16:00: Fri 20, Mon 23, Tue 24 = 3 days. All on time.
    await raise('F', '2026-11-10T10:00:00Z', {
      agency: '=HYPERLINK("x")',
      category: 'referral-thresholds',
    });
    await act('F', '2026-11-11T10:00:00Z', escalate);
    await act('F', '2026-11-19T10:00:00Z', escalate);
    await act('F', '2026-11-24T16:00:00Z', resolve);

    // G: stage 1 due Thu 12 Nov 17:00, still open, no breach recorded: not measured.
    await raise('G', '2026-11-11T10:00:00Z', {
      agency: 'Smith, Jones & "Partners"',
      category: 'information-sharing',
    });

    // H: stage 1 due Tue 1 Dec 17:00, still open: not measured.
    await raise('H', '2026-11-30T10:00:00Z', { agency: 'Police', category: 'other' });

    // J: another policy, same agency and a shared category: it must not leak into NEL's figures.
    await raise('J', '2026-11-02T10:00:00Z', {
      policy: 'kirklees',
      agency: 'Health',
      category: 'assessment',
    });
    await act('J', '2026-11-03T10:00:00Z', resolve);

    api.clock.now = new Date('2026-12-01T12:00:00Z');
  }, 120_000);
  afterAll(() => api.close());

  const definition = expect.stringContaining('ended at or before their due instant');
  const D_BREACH = {
    ref: expect.stringMatching(/^NEL-/),
    stage: 1,
    dueDate: '2026-11-06',
    breachedAt: '2026-11-06T17:00:00.000Z',
    rationale: {
      text: 'The manager was on leave',
      by: 'api-key:test admin',
      at: '2026-11-09T10:00:00.000Z',
    },
  };
  const B_EXTENSION = {
    ref: expect.stringMatching(/^NEL-/),
    stage: 2,
    fromDueDate: '2026-11-12',
    dueDate: '2026-11-16',
    reason: 'Awaiting the health visitor',
    agreedBy: 'api-key:test admin',
    agreedAt: '2026-11-05T10:00:00.000Z',
  };
  const E_LEARNING = {
    ref: expect.stringMatching(/^NEL-/),
    at: '2026-11-24T10:00:00.000Z',
    stage: 5,
    category: 'case-conference-dissent',
    agency: 'Health',
    text: 'Invite health to the conference',
  };

  it('reports timeliness per stage, overall, by category and by raising agency', async () => {
    const response = await request(api.server)
      .get('/api/v1/reports/timeliness?policy=nel&from=2026-11-01&to=2026-11-30')
      .set(admin())
      .expect(200);
    // In the window: A..H (H raised on the last day, to is inclusive); not I (2025), not J.
    expect(response.body).toEqual({
      policy: 'nel',
      from: '2026-11-01',
      to: '2026-11-30',
      resolvedAtDefinition: expect.stringContaining('DECISION at the final stage'),
      stages: [
        {
          // Entered by all eight. Resolved at 1: A. Breached: D. Escalated: B, D, E, F.
          // Median of the ended stage 1s (A, B, C, D, E, F: 1 day each): 1.
          stage: 1,
          title: 'Practitioner to line manager, then to the other practitioner',
          entered: 8,
          resolvedAt: 1,
          breached: 1,
          escalated: 4,
          medianWorkingDays: 1,
        },
        {
          // Entered by B, D, E, F. Resolved: B, D. Escalated: E, F.
          // Days: B 3, D 3, E 2, F 6 → 2, 3, 3, 6 → median 3.
          stage: 2,
          title: 'Organisation safeguarding representative',
          entered: 4,
          resolvedAt: 2,
          breached: 0,
          escalated: 2,
          medianWorkingDays: 3,
        },
        {
          // E (escalated, 2 days) and F (resolved, 3 days): median 2.5.
          stage: 3,
          title: 'Head of Service',
          entered: 2,
          resolvedAt: 1,
          breached: 0,
          escalated: 1,
          medianWorkingDays: 2.5,
        },
        {
          // E only: escalated after 2 days.
          stage: 4,
          title: 'Assistant Director',
          entered: 1,
          resolvedAt: 0,
          breached: 0,
          escalated: 1,
          medianWorkingDays: 2,
        },
        {
          // E only: decided after 3 days, which counts as resolved at the final stage.
          stage: 5,
          title: 'NEL SCP / SAB Chair',
          entered: 1,
          resolvedAt: 1,
          breached: 0,
          escalated: 0,
          medianWorkingDays: 3,
        },
      ],
      // Open G, H; resolved A, B, D, F; withdrawn C; decided E.
      // Measured stages: A1, B1, B2, C1, D1, D2, E1-E5, F1-F3 = 14 (G1 and H1 are open and not
      // breached). Late: D1 only. 13 / 14 = 0.92857 → 0.929.
      overall: { cases: 8, open: 2, resolved: 4, withdrawn: 1, decided: 1, onTimeRate: 0.929 },
      onTimeDefinition: definition,
      // by the month each measured stage was due: November's A1, B1, B2 (extended to 16 Nov),
      // C1, D1 (breached), D2, E1..E4, F1..F3: 13, 12 on time; December's E5 (Tue 8 Dec)
      onTimeByMonth: [
        { month: '2026-11', due: 13, onTime: 12, rate: 0.923 },
        { month: '2026-12', due: 1, onTime: 1, rate: 1 },
      ],
      // Most cases first, ties in byte order of the name.
      byCategory: [
        // B (resolved; B1, B2 on time) and C (withdrawn; C1 on time): 3 / 3.
        {
          category: 'assessment',
          cases: 2,
          open: 0,
          resolved: 1,
          withdrawn: 1,
          decided: 0,
          onTimeRate: 1,
        },
        // A (A1) and F (F1-F3), both resolved: 4 / 4.
        {
          category: 'referral-thresholds',
          cases: 2,
          open: 0,
          resolved: 2,
          withdrawn: 0,
          decided: 0,
          onTimeRate: 1,
        },
        // E: 5 / 5.
        {
          category: 'case-conference-dissent',
          cases: 1,
          open: 0,
          resolved: 0,
          withdrawn: 0,
          decided: 1,
          onTimeRate: 1,
        },
        // D: D1 late, D2 on time: 1 / 2.
        {
          category: 'drift-or-delay',
          cases: 1,
          open: 0,
          resolved: 1,
          withdrawn: 0,
          decided: 0,
          onTimeRate: 0.5,
        },
        // G: nothing measured.
        {
          category: 'information-sharing',
          cases: 1,
          open: 1,
          resolved: 0,
          withdrawn: 0,
          decided: 0,
          onTimeRate: null,
        },
        // H: nothing measured.
        {
          category: 'other',
          cases: 1,
          open: 1,
          resolved: 0,
          withdrawn: 0,
          decided: 0,
          onTimeRate: null,
        },
      ],
      byAgency: [
        // A, C, D, E. Measured: A1, C1, D1, D2, E1-E5 = 9; late D1: 8 / 9 = 0.888… → 0.889.
        {
          agency: 'Health',
          cases: 4,
          open: 0,
          resolved: 2,
          withdrawn: 1,
          decided: 1,
          onTimeRate: 0.889,
        },
        // B (B1, B2 on time) and H (open, unmeasured).
        {
          agency: 'Police',
          cases: 2,
          open: 1,
          resolved: 1,
          withdrawn: 0,
          decided: 0,
          onTimeRate: 1,
        },
        // F: 3 / 3. "=" (0x3D) sorts before "S" (0x53).
        {
          agency: '=HYPERLINK("x")',
          cases: 1,
          open: 0,
          resolved: 1,
          withdrawn: 0,
          decided: 0,
          onTimeRate: 1,
        },
        // G.
        {
          agency: 'Smith, Jones & "Partners"',
          cases: 1,
          open: 1,
          resolved: 0,
          withdrawn: 0,
          decided: 0,
          onTimeRate: null,
        },
      ],
      // D's stage 1, dated at its due instant, with the rationale given afterwards
      missedTimescales: [D_BREACH],
      extensions: [B_EXTENSION],
    });
  });

  it('takes from and to as whole UTC days, both inclusive', async () => {
    const response = await request(api.server)
      .get('/api/v1/reports/timeliness?policy=nel&from=2026-11-05&to=2026-11-05')
      .set({ Authorization: `Bearer ${api.auditorKey}` })
      .expect(200);
    // D alone: stage 1 (1 day, breached, escalated), stage 2 (3 days, resolved); 1 of 2 on time.
    const empty = (stage: number, title: string) => ({
      stage,
      title,
      entered: 0,
      resolvedAt: 0,
      breached: 0,
      escalated: 0,
      medianWorkingDays: null,
    });
    const drift = { cases: 1, open: 0, resolved: 1, withdrawn: 0, decided: 0, onTimeRate: 0.5 };
    expect(response.body).toEqual({
      policy: 'nel',
      from: '2026-11-05',
      to: '2026-11-05',
      resolvedAtDefinition: expect.any(String),
      stages: [
        {
          stage: 1,
          title: 'Practitioner to line manager, then to the other practitioner',
          entered: 1,
          resolvedAt: 0,
          breached: 1,
          escalated: 1,
          medianWorkingDays: 1,
        },
        {
          stage: 2,
          title: 'Organisation safeguarding representative',
          entered: 1,
          resolvedAt: 1,
          breached: 0,
          escalated: 0,
          medianWorkingDays: 3,
        },
        empty(3, 'Head of Service'),
        empty(4, 'Assistant Director'),
        empty(5, 'NEL SCP / SAB Chair'),
      ],
      overall: drift,
      onTimeDefinition: definition,
      // D1 due Fri 6 Nov, breached; D2 due Mon 16 Nov, on time
      onTimeByMonth: [{ month: '2026-11', due: 2, onTime: 1, rate: 0.5 }],
      byCategory: [{ category: 'drift-or-delay', ...drift }],
      byAgency: [{ agency: 'Health', ...drift }],
      missedTimescales: [D_BREACH],
      extensions: [],
    });
  });

  it('covers every case of the policy without from and to', async () => {
    const response = await request(api.server)
      .get('/api/v1/reports/timeliness?policy=nel')
      .set(admin())
      .expect(200);
    // A..H and I (resolved at stage 1 in 0 days, on time): 14 + 1 measured, 14 + 1 - 1 on
    // time: 14 / 15 = 0.9333 → 0.933. Stage 1 days 0, 1, 1, 1, 1, 1, 1: median 1.
    expect(response.body).toMatchObject({
      from: null,
      to: null,
      overall: { cases: 9, open: 2, resolved: 5, withdrawn: 1, decided: 1, onTimeRate: 0.933 },
    });
    expect(response.body.stages[0]).toMatchObject({
      entered: 9,
      resolvedAt: 2,
      medianWorkingDays: 1,
    });
    // I's stage 1 was due Tue 3 Jun 2025; then November's 13 and December's one, as above
    expect(response.body.onTimeByMonth).toEqual([
      { month: '2025-06', due: 1, onTime: 1, rate: 1 },
      { month: '2026-11', due: 13, onTime: 12, rate: 0.923 },
      { month: '2026-12', due: 1, onTime: 1, rate: 1 },
    ]);
    // Kirklees sees only J, over its own six stages.
    const kirklees = await request(api.server)
      .get('/api/v1/reports/timeliness?policy=kirklees')
      .set(admin())
      .expect(200);
    expect(kirklees.body.stages).toHaveLength(6);
    expect(kirklees.body.overall).toEqual({
      cases: 1,
      open: 0,
      resolved: 1,
      withdrawn: 0,
      decided: 0,
      onTimeRate: 1,
    });
  });

  it('answers a policy with no cases with every stage at zero and no rate', async () => {
    // chew-stoke: five stages, no timescales; nothing seeded.
    const response = await request(api.server)
      .get('/api/v1/reports/timeliness?policy=chew-stoke')
      .set(admin())
      .expect(200);
    const zero = { entered: 0, resolvedAt: 0, breached: 0, escalated: 0, medianWorkingDays: null };
    expect(response.body).toMatchObject({
      stages: [1, 2, 3, 4, 5].map((stage) => ({ stage, ...zero })),
      overall: { cases: 0, open: 0, resolved: 0, withdrawn: 0, decided: 0, onTimeRate: null },
      byCategory: [],
      byAgency: [],
      onTimeByMonth: [],
    });
  });

  it("gives the year's figures and the cases that reached the final stage", async () => {
    const response = await request(api.server)
      .get('/api/v1/reports/annual?policy=nel&year=2026')
      .set(admin())
      .expect(200);
    expect(response.body).toEqual({
      policy: 'nel',
      year: 2026,
      finalStage: 5,
      // E alone reached stage 5 (entered Wed 18 Nov 10:00, due D0 + 21 = Tue 8 Dec; decided
      // Mon 23 Nov).
      reachedFinalStage: [
        {
          ref: refs.E,
          raisedAt: '2026-11-09T10:00:00.000Z',
          status: 'decided',
          closedAt: '2026-11-23T10:00:00.000Z',
          agency: 'Health',
          otherAgency: "Children's Services",
          category: 'case-conference-dissent',
          finalStage: {
            startedAt: '2026-11-18T10:00:00.000Z',
            dueDate: '2026-12-08',
            outcome: 'decided',
          },
        },
      ],
      figures: {
        // Raised in 2026: A..H (I was 2025, J is kirklees).
        raised: 8,
        open: 2,
        resolved: 4,
        withdrawn: 1,
        decided: 1,
        // Resolved at 1: A; at 2: B, D; at 3: F; at 5 (the final stage, by DECISION): E.
        resolvedPerStage: [
          { stage: 1, resolved: 1 },
          { stage: 2, resolved: 2 },
          { stage: 3, resolved: 1 },
          { stage: 4, resolved: 0 },
          { stage: 5, resolved: 1 },
        ],
        // One breach entry: D's stage 1.
        breaches: 1,
        onTimeRate: 0.929,
        // Closed cases, raise to close: A 1, B 1 + 3 = 4, C 1, D 1 + 3 = 4, E 10, F 1 + 6 + 3 =
        // 10 → 1, 1, 4, 4, 10, 10 → median 4. G and H are open.
        medianWorkingDaysToClose: 4,
      },
      onTimeDefinition: definition,
      resolvedAtDefinition: expect.any(String),
      missedTimescales: [D_BREACH],
      extensions: [B_EXTENSION],
      // the learning given in 2026: E's, by category and by agency
      learning: {
        items: [E_LEARNING],
        byCategory: [
          {
            category: 'case-conference-dissent',
            label: expect.any(String),
            count: 1,
            learning: [E_LEARNING],
          },
        ],
        byAgency: [{ agency: 'Health', count: 1, learning: [E_LEARNING] }],
      },
    });
  });

  it('keeps each year to its own cases', async () => {
    // 2025: I alone, resolved at stage 1 in 0 working days, on time.
    const y2025 = await request(api.server)
      .get('/api/v1/reports/annual?policy=nel&year=2025')
      .set({ Authorization: `Bearer ${api.auditorKey}` })
      .expect(200);
    expect(y2025.body).toMatchObject({
      reachedFinalStage: [],
      figures: {
        raised: 1,
        open: 0,
        resolved: 1,
        withdrawn: 0,
        decided: 0,
        resolvedPerStage: [
          { stage: 1, resolved: 1 },
          { stage: 2, resolved: 0 },
          { stage: 3, resolved: 0 },
          { stage: 4, resolved: 0 },
          { stage: 5, resolved: 0 },
        ],
        breaches: 0,
        onTimeRate: 1,
        medianWorkingDaysToClose: 0,
      },
    });
    // 2024: nothing at all.
    const y2024 = await request(api.server)
      .get('/api/v1/reports/annual?policy=nel&year=2024')
      .set(admin())
      .expect(200);
    expect(y2024.body).toMatchObject({
      reachedFinalStage: [],
      figures: {
        raised: 0,
        open: 0,
        resolved: 0,
        breaches: 0,
        onTimeRate: null,
        medianWorkingDaysToClose: null,
      },
    });
  });

  it('refuses bad queries naming the field, and unknown policies, in the error shape', async () => {
    const bad = async (path: string, field: string) => {
      const response = await request(api.server).get(path).set(admin()).expect(400);
      expect(response.body.error.code).toBe('bad-request');
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    };
    await bad('/api/v1/reports/annual?policy=nel', 'year');
    await bad('/api/v1/reports/annual?policy=nel&year=twenty', 'year');
    await bad('/api/v1/reports/annual?year=2026', 'policy');
    await bad('/api/v1/reports/timeliness?policy=nel&from=2026-13-01', 'from');
    await bad('/api/v1/reports/timeliness?policy=nel&to=1-2-2026', 'to');
    await bad('/api/v1/reports/timeliness?policy=nel&from=2026-11-30&to=2026-11-01', 'to');
    await bad('/api/v1/reports/timeliness?policy=nel&colour=blue', '(body)');

    for (const path of [
      '/api/v1/reports/timeliness?policy=atlantis',
      '/api/v1/reports/annual?policy=atlantis&year=2026',
    ]) {
      const response = await request(api.server).get(path).set(admin()).expect(404);
      expect(response.body).toEqual({
        error: { code: 'not-found', message: expect.stringContaining('policy "atlantis"') },
      });
    }
  });

  it('needs a key', async () => {
    for (const path of [
      '/api/v1/reports/timeliness?policy=nel',
      '/api/v1/reports/annual?policy=nel&year=2026',
    ]) {
      const response = await request(api.server).get(path).expect(401);
      expect(response.body.error.code).toBe('unauthorized');
    }
  });
});
