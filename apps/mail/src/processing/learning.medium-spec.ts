import { CaseRepository, EventRepository, partnershipContacts } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { policyLibrary, startMailHarness, type MailHarness } from '../testing/mail-harness';
import {
  oneLine,
  raiseByEmail,
  sampleEscalationForm,
  type RaisedCase,
} from '../testing/sample-case';

/*
 * Issue 11, item 5, over SMTP. After RESOLVED the participants get one message of its own
 * (a learning-request, after the closing confirmation) asking for learning and offering the debrief in the policy's words (kirklees: "Step 7, restorative
 * debrief"); a LEARNING reply, allowed once the case has closed, is recorded and forwarded:
 * "records of any learning should be shared with the KSCP Business unit".
 */

const ASHA = 'asha.patel@school.example.org';
const DAN = 'dan.reed@school.example.org';
const SAM = 'sam.cole@council.example.gov.uk';
const BUSINESS_UNIT = 'business.unit@kscp.example.org';

const form = sampleEscalationForm();
const KIRKLEES_TITLE = policyLibrary().policies.get('kirklees')!.shortTitle;

describe.each(testEngines())('learning and debrief, over SMTP on %s', (engine) => {
  let mail: MailHarness;
  let ref: string;
  let raised: RaisedCase;

  beforeEach(async () => {
    mail = await startMailHarness(engine);
    await mail.database.db
      .insert(partnershipContacts)
      .values([{ policyId: 'kirklees', role: 'businessUnitManager', addresses: [BUSINESS_UNIT] }]);
    raised = await raiseByEmail(mail, {
      raiser: `Asha Patel <${ASHA}>`,
      mailbox: 'kirklees@escalations.localhost',
      form,
      idPrefix: 'learning',
    });
    ({ ref } = raised);
  }, 60_000);
  afterEach(() => mail.close());

  const reply = (from: string, text: string) => raised.reply(from, text);
  const requests = (address: string) =>
    mail.world
      .inbox(address)
      .filter((m) => oneLine(m.parsed.text).includes('Learning and debrief: what did'));

  it("asks each participant once for learning after RESOLVED, in the policy's words; LEARNING on the closed case is recorded and forwarded", async () => {
    await reply(ASHA, 'RESOLVED\nAn assessment will be carried out.');
    for (const person of [ASHA, DAN, SAM]) {
      const [request, ...again] = requests(person);
      expect(again).toEqual([]);
      expect(request!.parsed.subject).toBe(`[${ref}] Learning and debrief: ${KIRKLEES_TITLE}`);
      expect(request!.parsed.to).toMatchObject({ value: [{ address: person }] });
      const text = oneLine(request!.parsed.text);
      expect(text).toContain('Reply to this email with LEARNING on the first line');
      expect(text).toContain('Step 7, restorative debrief (not an escalation stage)');
      expect(text).not.toContain('Child A');
      // the closing confirmation says it follows, and no longer carries it
      const confirmation = mail.world
        .inbox(person)
        .find((m) => m.parsed.subject?.includes(`[${ref}] Resolved`))!;
      expect(oneLine(confirmation.parsed.text)).toContain('A separate email asks each of you');
      expect(oneLine(confirmation.parsed.text)).not.toContain('LEARNING on the first line');
    }

    await reply(SAM, 'LEARNING\nShare the strategy discussion notes with the school the same day.');
    const state = (await new CaseRepository().findByRef(mail.database.db, ref))!;
    expect(state.state.status).toBe('resolved');
    const events = await new EventRepository().listForCase(mail.database.db, state.id);
    expect(
      events.filter((e) => e.type === 'learning-recorded').map((e) => [e.actor, e.data]),
    ).toEqual([
      [
        SAM,
        {
          learning: 'Share the strategy discussion notes with the school the same day.',
          category: 'referral-thresholds',
          agency: "Children's Services",
        },
      ],
    ]);
    const forwarded = mail.world.inbox(BUSINESS_UNIT).at(-1)!;
    expect(forwarded.parsed.subject).toBe(`[${ref}] Learning from a professional disagreement`);
    const text = oneLine(forwarded.parsed.text);
    expect(text).toContain('Share the strategy discussion notes with the school the same day.');
    expect(text).toContain("Agency: Children's Services");
    expect(oneLine(mail.world.inbox(SAM).at(-1)!.parsed.text)).toContain('Learning recorded on');
    // no one else is mailed for it
    expect(requests(ASHA)).toHaveLength(1);
  });

  it('asks for nothing after WITHDRAW', async () => {
    await reply(ASHA, 'WITHDRAW\nSorted between us.');
    expect(requests(ASHA)).toEqual([]);
  });
});
