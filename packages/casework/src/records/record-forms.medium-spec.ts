import { messages, outbox } from '@escalations/db';
import { createTestDatabase, testEngines, type TestDatabase } from '@escalations/db/testing';
import type { Actor } from '@escalations/domain';
import { defaultPoliciesDir, readPolicyLibrary } from '@escalations/domain/files';
import { eq } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { Casework, type CaseworkResult, type OpenCaseInput } from '../casework';
import { pdfText, testMailSettings } from '../testing';

/*
 * Issue 11, items 1 and 2: "The notices whose YAML names a form (`attach:`) carry the PDF and
 * list the fields in the mail body as plain text; a required field still empty is named
 * there", and the referral to the final stage carries the written account in the body and
 * as the chronology PDF. The PDFs are read back as text with pdftotext.
 */

const library = readPolicyLibrary(defaultPoliciesDir(__dirname));
const raiser: Actor = { kind: 'participant', id: 'asha.patel@school.example.org', verified: true };
const SSSM = 'sssm@southglos.example.gov.uk';
const CHAIR = 'chair@islands.example.gg';

const raise = (overrides: Partial<OpenCaseInput>): OpenCaseInput => ({
  policyId: 'south-glos',
  raisedAt: new Date('2026-11-02T10:00:00Z'),
  raisedBy: { name: 'Asha Patel', email: raiser.id },
  caseName: 'Zoë Wiśniewska',
  agency: 'Grange Surgery',
  otherAgency: 'Adult Social Care',
  disagreement: 'Care package withdrawn without review',
  category: 'decision-making',
  risk: 'standard',
  startStage: 3,
  otherPractitioner: { name: 'Sam Cole', email: 'sam.cole@council.example.gov.uk' },
  ...overrides,
});

function ok(result: CaseworkResult) {
  if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
  return result;
}

describe.each(testEngines())('record forms in the mail, on %s', (engine) => {
  let database: TestDatabase;
  let now: Date;
  let casework: Casework;

  beforeAll(async () => {
    database = await createTestDatabase(engine, { poolSize: 10 });
  }, 60_000);
  afterAll(() => database.destroy());
  beforeEach(() => {
    now = new Date('2026-11-02T10:00:05Z');
    casework = new Casework({
      database: database.db,
      library,
      clock: () => now,
      mail: testMailSettings({
        'south-glos': { strategicSafeguardingServiceManager: [SSSM] },
        islands: { independentChair: [CHAIR] },
      }),
    });
  });

  async function mailTo(caseId: string, address: string): Promise<ParsedMail[]> {
    const rows = await database.db
      .select({ raw: messages.raw, recipients: outbox.recipients })
      .from(outbox)
      .innerJoin(messages, eq(messages.id, outbox.messageId))
      .where(eq(outbox.caseId, caseId));
    return Promise.all(
      rows.filter((row) => row.recipients.includes(address)).map((row) => simpleParser(row.raw)),
    );
  }

  it('south-glos stage 3: the Strategic Safeguarding Service Manager gets the Monitoring Form as a PDF, its fields listed in the body', async () => {
    const opened = ok(await casework.open(raise({}), raiser));
    const [notice] = await mailTo(opened.caseId, SSSM);
    expect(notice?.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`${opened.ref}-monitoring-form.pdf`, 'application/pdf'],
    ]);
    expect(notice?.text).toContain('Monitoring Form (attached as a PDF; form ID');
    expect(notice?.text).toContain('Service User name:\n  Zoë Wiśniewska');
    const text = await pdfText(notice!.attachments[0]!.content);
    expect(text).toContain('Monitoring Form');
    expect(text).toContain(`Form ID: ${opened.ref}`);
    expect(text).toContain('Zoë Wiśniewska');
    // the choices printed, none marked yet
    expect(text).toMatch(/\[ ?\] ?3 +\[ ?\] ?4/);
    expect(text).not.toContain('[X]');
    // the document's order
    expect(text.indexOf('Service User name')).toBeLessThan(
      text.indexOf('Summary of reason for dispute'),
    );
  });

  it('FORM fills the form; the resolve notice carries it with the chosen stage marked and the time taken', async () => {
    const opened = ok(await casework.open(raise({}), raiser));
    now = new Date('2026-11-03T09:00:00Z');
    ok(
      await casework.apply(
        opened.ref,
        { kind: 'form', text: 'Additional Notes: met on 3 November\nwith the GP' },
        raiser,
      ),
    );
    const answers = await mailTo(opened.caseId, raiser.id);
    const answer = answers.find((mail) => mail.subject?.includes('Record form'));
    expect(answer?.text).toContain('Additional Notes:\n  met on 3 November\n  with the GP');
    expect(answer?.attachments).toEqual([]);
    now = new Date('2026-11-04T11:00:00Z');
    ok(await casework.apply(opened.ref, { kind: 'resolve', outcome: 'Review booked' }, raiser));
    const resolved = (await mailTo(opened.caseId, SSSM)).find((mail) =>
      mail.text?.includes('resolved at stage 3'),
    );
    const text = await pdfText(resolved!.attachments[0]!.content);
    expect(text).toContain('[X] 3');
    expect(text).toContain('2 working days (2 calendar days)');
    expect(text).toContain('met on 3 November');
  });

  it('FORM text with a NUL or a lone surrogate is kept, made storable, and the case still loads', async () => {
    const opened = ok(await casework.open(raise({}), raiser));
    now = new Date('2026-11-03T09:00:00Z');
    ok(
      await casework.apply(
        opened.ref,
        { kind: 'form', text: 'Additional Notes: before\u0000after \ud800 end' },
        raiser,
      ),
    );
    now = new Date('2026-11-03T10:00:00Z');
    const noted = ok(
      await casework.apply(opened.ref, { kind: 'note', note: 'Still open' }, raiser),
    );
    expect(noted.state.forms?.['monitoring-form']?.['additionalNotes']?.value).toMatch(
      /^before.after . end$/,
    );
  });

  it('islands stage 4: the referral carries the written account in the body and the chronology as a PDF', async () => {
    const opened = ok(
      await casework.open(raise({ policyId: 'islands', startStage: 1, category: 'other' }), raiser),
    );
    for (const hour of [11, 12, 13]) {
      now = new Date(`2026-11-02T${hour}:00:00Z`);
      ok(
        await casework.apply(
          opened.ref,
          { kind: 'escalate', reason: `Still no review (${hour})` },
          raiser,
        ),
      );
    }
    const [referral] = await mailTo(opened.caseId, CHAIR);
    expect(referral?.text).toContain('Written account of');
    expect(referral?.text).toContain('because: Still no review (12)');
    expect(referral?.attachments.map((a) => a.filename)).toEqual([
      `${opened.ref}-professional-challenge-recording-tool.pdf`,
      `${opened.ref}-chronology.pdf`,
    ]);
    const chronology = await pdfText(referral!.attachments[1]!.content);
    expect(chronology).toContain(`Chronology of ${opened.ref}`);
    expect(chronology).toContain('Escalated to stage 4');
  });
});
