import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { testEngines } from '@escalations/db/testing';
import { CaseFlow, escalationForm, oneLine, person } from './support/case-flow';
import { ADMIN_KEY, MAIL_DOMAIN, startService, type RunningService } from './support/service';
import { longDate } from './support/working-days';

/**
 * Done when (issue 13, item 1): a sixth policy file with its document, put in POLICIES_DIR,
 * is served at its mailbox and previewed correctly, with no change to the code or the build.
 * The policies folder here is the repository's, with examples/st-helens.yaml (St Helens
 * Safeguarding Children Partnership's escalation pathway) and its document copied in, as
 * README's "Add your partnership" has an operator do.
 *
 * The dates, worked out by hand from the England and Wales list: raised Monday 21 December
 * 2026 at 10:00 (GMT), D0 that day. Stage 1, "Practitioner to Line Manager (1 Day)": 22
 * December. Its breach rule (escalate) starts stage 2 at 17:00 on the 22nd, itself a working
 * day at close of business, so its D0; "Manager to Manager (1 Day)": 23 December. Stage 3
 * from 17:00 on the 23rd, "(Completed within 5 working days)": Christmas Day, the weekend,
 * Monday 28th (Boxing Day's substitute) and New Year's Day are not working days, so 24, 29,
 * 30, 31 December and 4 January.
 */
const ROOT = join(__dirname, '../../..');
const RAISED = new Date('2026-12-21T10:00:00Z');
const DUE = ['2026-12-22', '2026-12-23', '2027-01-04'];

describe.each(testEngines())('a sixth partnership, added as files alone, on %s', (engine) => {
  let dir: string;
  let service: RunningService;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'escalations-policies-'));
    cpSync(join(ROOT, 'policies'), dir, { recursive: true });
    cpSync(join(ROOT, 'examples/st-helens.yaml'), join(dir, 'st-helens.yaml'));
    cpSync(join(ROOT, 'examples/documents/st-helens.txt'), join(dir, 'documents/st-helens.txt'));
    service = await startService(engine, new Date('2026-12-21T09:00:00Z'), { policiesDir: dir });
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('previews its deadlines through the API as the policy sets them', async () => {
    const response = await request(service.apiUrl)
      .post('/api/v1/policies/st-helens/preview')
      .set('Authorization', `Bearer ${ADMIN_KEY}`)
      .send({ raisedAt: RAISED.toISOString() })
      .expect(200);
    const stages = response.body as { stage: number; dueDate: string | null }[];
    expect(stages.map((stage) => [stage.stage, stage.dueDate])).toEqual([
      [1, DUE[0]],
      [2, DUE[1]],
      [3, DUE[2]],
    ]);
  });

  it(`takes an escalation at st-helens@${MAIL_DOMAIN}, opens the case and moves it on at its deadline`, async () => {
    const flow = new CaseFlow(service, 'st-helens', 'england-and-wales');
    const raiser = person('Sam Okafor', 'sam.okafor@school.example.org');
    const manager = person('Priya Shah', 'priya.shah@school.example.org');
    const other = person('Tom Reid', 'tom.reid@childrens-services.example.gov.uk');
    const delivered = await flow.raise(
      raiser,
      RAISED,
      escalationForm({
        caseName: 'Child S',
        agency: 'Parish Primary School',
        otherAgency: "Children's Social Care",
        disagreement: 'No one from the other agency has come to the last three core groups',
        category: "An agency's non-attendance at meetings",
        manager,
        otherPractitioner: other,
        outcomeSought: 'An assessment',
      }),
    );
    expect(delivered[raiser.email]).toContain('ack:1');
    expect(flow.ref).toMatch(/^SHSCP-2026-\d{4}$/);
    const opened = await flow.case();
    expect(opened).toMatchObject({ policy: 'st-helens', currentStage: 1 });
    expect(opened.stages.map((stage) => stage.dueDate)).toEqual([DUE[0]]);
    // the acknowledgement gives the due date the policy sets
    expect(oneLine(flow.latestTo(raiser.email).text)).toContain(longDate(DUE[0]!));

    // just past close of business on the next working day: the policy's breach rule escalates
    await flow.sweep(new Date('2026-12-22T17:05:00Z'));
    const escalated = await flow.case();
    expect(escalated.currentStage).toBe(2);
    expect(escalated.stages.map((stage) => stage.dueDate)).toEqual([DUE[0], DUE[1]]);
  });
});
