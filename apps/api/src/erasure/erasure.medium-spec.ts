import request from 'supertest';
import { testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';
import { readZip } from '../exports/zip-reader.testing';

const CASE_NAME = 'Child A (NHS 943 476 5919)';
const RAISER = 'asha.patel@riverside.example.org';

/** Issue 13, item 5: an administrator erases a case; a subject access request exports one. */
describe.each(testEngines())('erasure and export of a case, on %s', (engine) => {
  let api: ApiHarness;
  let ref: string;
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });
  const exportZip = (key: string, of = ref) =>
    request(api.server)
      .get(`/api/v1/cases/${of}/export.zip`)
      .set(as(key))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    api = await startApiHarness(engine);
    const opened = await request(api.server)
      .post('/api/v1/cases')
      .set(as(api.adminKey))
      .send({
        policy: 'nel',
        caseName: CASE_NAME,
        agency: 'Riverside Primary School',
        otherAgency: "Children's Services",
        disagreement: 'Whether the referral about Child A meets the threshold',
        raisedBy: { name: 'Asha Patel', email: RAISER },
      })
      .expect(201);
    ref = (opened.body as { ref: string }).ref;
  }, 60_000);
  afterAll(() => api.close());

  it('exports the case, its events and every message as .eml, for administrators only', async () => {
    const response = await exportZip(api.adminKey).expect(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${ref}.zip"`);
    const files = readZip(response.body as Buffer);
    const view = JSON.parse(files.get('case.json')!.toString('utf8')) as Record<string, unknown>;
    expect(view).toEqual(expect.objectContaining({ ref, caseName: CASE_NAME }));
    const events = JSON.parse(files.get('events.json')!.toString('utf8')) as { type: string }[];
    expect(events[0]!.type).toBe('case-raised');
    expect(JSON.parse(files.get('chronology.json')!.toString('utf8'))).toEqual(
      expect.objectContaining({ ref }),
    );
    for (const pdf of ['chronology.pdf', 'forms/recording-template.pdf'])
      expect([pdf, files.get(pdf)?.subarray(0, 5).toString('latin1')]).toEqual([pdf, '%PDF-']);
    const emails = [...files.keys()].filter((name) => name.startsWith('messages/'));
    expect(emails.length).toBeGreaterThan(0);
    expect(emails.every((name) => /^messages\/\d+-(inbound|outbound)\.eml$/.test(name))).toBe(true);
    expect(files.get(emails[0]!)!.toString('utf8')).toMatch(/^[\s\S]*Message-ID: <[^>]+>/i);
    await exportZip(api.auditorKey).expect(403);
    await exportZip(api.adminKey, 'NEL-2026-9999').expect(404);
  });

  it('refuses an erasure without a reason, naming the field, and an auditor’s', async () => {
    const missing = await request(api.server)
      .post(`/api/v1/cases/${ref}/erasure`)
      .set(as(api.adminKey))
      .send({ reason: ' ' })
      .expect(400);
    expect(JSON.stringify(missing.body)).toContain('reason');
    await request(api.server)
      .post(`/api/v1/cases/${ref}/erasure`)
      .set(as(api.auditorKey))
      .send({ reason: 'request for erasure' })
      .expect(403);
    await request(api.server)
      .post('/api/v1/cases/NEL-2026-9999/erasure')
      .set(as(api.adminKey))
      .send({ reason: 'request for erasure' })
      .expect(404);
    const open = await request(api.server)
      .post(`/api/v1/cases/${ref}/erasure`)
      .set(as(api.adminKey))
      .send({ reason: 'request for erasure' })
      .expect(409);
    expect((open.body as { error: { code: string } }).error.code).toBe('case-open');
    const view = await request(api.server).get(`/api/v1/cases/${ref}`).set(as(api.adminKey));
    expect((view.body as { caseName: string }).caseName).toBe(CASE_NAME);
  });

  it('erases the personal data of a closed case, keeps the skeleton, records it as an event, and only once', async () => {
    await request(api.server)
      .post(`/api/v1/cases/${ref}/actions`)
      .set(as(api.adminKey))
      .send({ action: 'resolve', text: 'Assessment agreed for Child A' })
      .expect(200);
    const erased = await request(api.server)
      .post(`/api/v1/cases/${ref}/erasure`)
      .set(as(api.adminKey))
      .send({ reason: 'Subject asked for erasure (ticket 42)' })
      .expect(200);
    expect(erased.body).toEqual({ ref, erasedAt: api.clock.now.toISOString() });
    const marker = '[erased 2026-11-24]';

    const view = (await request(api.server).get(`/api/v1/cases/${ref}`).set(as(api.adminKey)))
      .body as Record<string, unknown> & { participants: { email: string; name: string | null }[] };
    expect(view).toEqual(
      expect.objectContaining({
        ref,
        policy: 'nel',
        caseName: marker,
        disagreement: marker,
        agency: 'Riverside Primary School',
        category: 'other',
        status: 'resolved',
      }),
    );
    expect(view.participants.length).toBeGreaterThan(0);
    for (const person of view.participants) {
      expect(person.email.startsWith(marker)).toBe(true);
      expect([marker, null]).toContain(person.name);
    }

    const events = (
      await request(api.server).get(`/api/v1/cases/${ref}/events`).set(as(api.adminKey))
    ).body as { type: string; actor: string; data: Record<string, unknown> }[];
    expect(JSON.stringify(events)).not.toContain(RAISER);
    expect(events.at(-1)).toEqual(
      expect.objectContaining({
        type: 'personal-data-erased',
        actor: 'api-key:test admin',
        data: {
          reason: 'Subject asked for erasure (ticket 42)',
          erasedAt: api.clock.now.toISOString(),
        },
      }),
    );

    const files = readZip((await exportZip(api.adminKey).expect(200)).body as Buffer);
    for (const [name, content] of files) {
      expect([name, content.toString('utf8')]).not.toEqual([
        name,
        expect.stringContaining(CASE_NAME),
      ]);
      expect([name, content.toString('utf8')]).not.toEqual([name, expect.stringContaining(RAISER)]);
    }

    const again = await request(api.server)
      .post(`/api/v1/cases/${ref}/erasure`)
      .set(as(api.adminKey))
      .send({ reason: 'again' })
      .expect(409);
    expect((again.body as { error: { code: string } }).error.code).toBe('already-erased');
  });
});
