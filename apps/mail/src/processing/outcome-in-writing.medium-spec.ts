import { CaseRepository, partnershipContacts } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { startMailHarness, type MailHarness } from '../testing/mail-harness';

/*
 * Issue 11, item 4, over SMTP. Chew-stoke: "SafeguardingChildren's Board Manager should be
 * advised of any outcome." South-glos: "written confirmation between the parties of the
 * agreed outcome and how any outstanding issues will be pursued", and the Strategic
 * Safeguarding Service Manager told after the issue has been resolved, a DECISION included.
 */

const ASHA = 'asha.patel@school.example.org';
const DAN = 'dan.reed@school.example.org';
const SAM = 'sam.cole@council.example.gov.uk';
const BOARD_MANAGER = 'board.manager@partnership.example.org';
const SSSM = 'sssm@partnership.example.org';

const form = (category: string) =>
  [
    'Case: Child A (PID 12345)',
    'Agency: Grange Primary School',
    "Other agency: Children's Services",
    'Disagreement: The referral was closed without an assessment.',
    `Category: ${category}`,
    'Manager: Dan Reed <dan.reed@school.example.org>',
    'Other practitioner: Sam Cole <sam.cole@council.example.gov.uk>',
  ].join('\n');

const oneLine = (text: string | false | undefined) => (text || '').replace(/\s+/g, ' ');

describe.each(testEngines())('the outcome in writing, over SMTP on %s', (engine) => {
  let mail: MailHarness;
  let ref: string;
  let replyTo: string;
  let n = 0;

  beforeEach(async () => {
    mail = await startMailHarness(engine);
    await mail.database.db.insert(partnershipContacts).values([
      { policyId: 'chew-stoke', role: 'boardManager', addresses: [BOARD_MANAGER] },
      { policyId: 'south-glos', role: 'strategicSafeguardingServiceManager', addresses: [SSSM] },
    ]);
  }, 60_000);
  afterEach(() => mail.close());

  async function raise(policyId: string, category: string) {
    await mail.deliver({
      from: `Asha Patel <${ASHA}>`,
      to: `${policyId}@escalations.localhost`,
      subject: 'Escalation',
      text: form(category),
    });
    await mail.drain();
    const ack = mail.world.inbox(ASHA).at(-1)!;
    ref = /\[([A-Z]+-\d{4}-\d{4})\]/.exec(ack.parsed.subject ?? '')![1]!;
    replyTo = ack.parsed.replyTo!.value[0]!.address!;
  }
  async function reply(from: string, text: string) {
    n += 1;
    await mail.deliver({
      from,
      to: replyTo,
      subject: `Re: [${ref}] Escalation received`,
      text,
      messageId: `<outcome-${n}@${from.split('@')[1]}>`,
    });
    await mail.drain();
  }
  const stateOf = async () => (await new CaseRepository().findByRef(mail.database.db, ref))!.state;
  const toldOutcome = (address: string) =>
    mail.world.inbox(address).filter((m) => oneLine(m.parsed.text).includes('Outcome in writing'));

  it('chew-stoke: a case resolved at stage 3 is confirmed with its outcome, and the Board Manager is advised of it', async () => {
    await raise('chew-stoke', 'levels of need');
    await reply(ASHA, 'ESCALATE\nNot agreed between us.');
    await reply(DAN, 'ESCALATE\nNot agreed between the supervisors.');
    mail.clock.now = new Date('2026-11-26T10:00:00Z');
    await reply(
      DAN,
      'RESOLVED\nAn assessment will be carried out.\nOutstanding: GP report: the health visitor chases it by Friday',
    );
    expect((await stateOf()).status).toBe('resolved');

    for (const person of [ASHA, DAN, SAM]) {
      const confirmation = mail.world.latestBesidesLearningRequest(person)!;
      const text = oneLine(confirmation.parsed.text);
      expect(text).toContain('Agreed outcome: An assessment will be carried out.');
      expect(text).toContain('GP report: the health visitor chases it by Friday');
      expect(text).toContain('Stage resolved at: stage 3 (');
      expect(text).toContain(
        'Time taken: 2 working days (2 calendar days), from 24 November 2026 to 26 November 2026',
      );
    }
    const [advised, ...again] = toldOutcome(BOARD_MANAGER);
    expect(again).toEqual([]);
    const text = oneLine(advised!.parsed.text);
    expect(advised!.parsed.subject).toBe(
      `[${ref}] Chew Stoke escalation guidelines: stage 3 notification`,
    );
    expect(text).toContain('Agreed outcome: An assessment will be carried out.');
    expect(text).toContain(
      'Outstanding issues and how each will be pursued: - GP report: the health visitor chases it by Friday',
    );
    expect(text).toContain('Stage resolved at: stage 3 (');
    expect(text).toContain('Time taken: 2 working days (2 calendar days)');
    expect(text).toContain('should be advised of any outcome.');
  });

  it('south-glos: a DECISION at stage 4 goes to the Strategic Safeguarding Service Manager as the decision', async () => {
    await raise('south-glos', 'other');
    for (const [i, who] of [ASHA, DAN, DAN].entries())
      await reply(who, `ESCALATE\nNot agreed at stage ${i + 1}.`);
    await reply(DAN, 'DECISION\nMediation: the assessment goes ahead.');
    expect((await stateOf()).status).toBe('decided');
    const told = toldOutcome(SSSM);
    expect(told).toHaveLength(1);
    const text = oneLine(told[0]!.parsed.text);
    expect(text).toContain('Decision: Mediation: the assessment goes ahead.');
    expect(text).toContain('Outstanding issues: none recorded');
    expect(text).toContain('Stage resolved at: stage 4 (');
    expect(text).toContain('Time taken: 0 working days (0 calendar days)');
  });
});
