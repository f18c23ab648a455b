import type { Response as AgentResponse } from 'superagent';
import request from 'supertest';
import { pdfText } from '@escalations/casework/testing';
import { testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/*
 * Issue 11, item 3: "GET /api/v1/cases/:ref/chronology (JSON) and .../chronology.pdf: the
 * case in date order as UK safeguarding chronologies are kept ... GET
 * /api/v1/cases/:ref/records/:formId.pdf gives a form on demand. Reads logged." (the access
 * log's own test lists these routes with the cases their answers hold).
 */

const START = new Date('2026-11-24T10:00:00Z');

function binary(response: AgentResponse, callback: (error: Error | null, body: Buffer) => void) {
  const stream = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

interface Entry {
  at: string;
  who: string;
  what: string;
  stage: number | null;
  stageDueDate: string | null;
  source: string;
  type: string;
}

describe.each(testEngines())('a case’s records through the API on %s', (engine) => {
  let api: ApiHarness;
  let ref: string;
  const get = (path: string) =>
    request(api.server).get(path).set('Authorization', `Bearer ${api.adminKey}`);
  const pdf = (path: string) => get(path).buffer(true).parse(binary);

  beforeAll(async () => {
    api = await startApiHarness(engine, START);
    const opened = await request(api.server)
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${api.adminKey}`)
      .send({
        policy: 'nel',
        caseName: 'Child A (NHS 943 476 5919)',
        agency: 'Riverside Primary School',
        otherAgency: "Children's Services",
        disagreement: 'Whether the referral meets the threshold for an assessment',
        category: 'referral-thresholds',
        raisedBy: { name: 'Asha Patel', email: 'asha.patel@riverside.example.org' },
        otherPractitioner: { name: 'Cara Lee', email: 'cara.lee@cs.example.gov.uk' },
      })
      .expect(201);
    ref = (opened.body as { ref: string }).ref;
    api.clock.now = new Date('2026-11-25T11:00:00Z');
    await request(api.server)
      .post(`/api/v1/cases/${ref}/actions`)
      .set('Authorization', `Bearer ${api.adminKey}`)
      .send({ action: 'escalate', text: 'No answer from the duty team' })
      .expect(200);
  }, 60_000);
  afterAll(() => api.close());

  it('GET chronology: every event and message in date order, with the stage and its due date', async () => {
    const response = await get(`/api/v1/cases/${ref}/chronology`).expect(200);
    const entries = (response.body as { entries: Entry[] }).entries;
    const ats = entries.map((e) => e.at);
    expect(ats).toEqual([...ats].sort());
    const events = await get(`/api/v1/cases/${ref}/events`).expect(200);
    expect(entries.filter((e) => e.source === 'event')).toHaveLength(
      (events.body as unknown[]).length,
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        type: 'escalated',
        what: 'Escalated to stage 2: No answer from the duty team',
        stage: 1,
        stageDueDate: expect.stringMatching(/^2026-11-\d\d$/),
      }),
    );
    const out = entries.filter((e) => e.type === 'message-out');
    expect(out.length).toBeGreaterThan(0);
    expect(out[0]?.what).toMatch(new RegExp(`^Message out \\(notice\\) to .+: \\[${ref}\\]`));
  });

  it('GET chronology.pdf: the same, readable as text', async () => {
    const response = await pdf(`/api/v1/cases/${ref}/chronology.pdf`).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(response.body as Buffer);
    expect(text).toContain(`Chronology of ${ref}`);
    expect(text).toContain('No answer from the duty team');
  });

  it('GET records/:formId.pdf: the form filled from the case, its ID the reference; another form is 404 naming the policy’s', async () => {
    const response = await pdf(`/api/v1/cases/${ref}/records/recording-template.pdf`).expect(200);
    const text = await pdfText(response.body as Buffer);
    expect(text).toContain('Recording template (key headings)');
    expect(text).toContain(`Form ID: ${ref}`);
    expect(text).toContain('Child A (NHS 943 476 5919)');
    expect(text).toMatch(/\[ ?\] ?Telephone +\[ ?\] ?Meeting +\[X\] Email/);
    const other = await get(`/api/v1/cases/${ref}/records/monitoring-form.pdf`).expect(404);
    expect(JSON.stringify(other.body)).toContain('recording-template.pdf');
    await get('/api/v1/cases/NEL-2099-9999/chronology').expect(404);
  });
});
