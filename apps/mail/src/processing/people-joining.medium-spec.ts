import { CaseRepository } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { startMailHarness, type MailHarness } from '../testing/mail-harness';
import {
  oneLine,
  raiseByEmail,
  sampleEscalationForm,
  type RaisedCase,
} from '../testing/sample-case';

/*
 * Issue 10, item 3, over SMTP: "Any participant (and partnership staff) may add people with
 * `Next contact: Name <email>` lines on any command, and with a command `ADD` whose lines are
 * `Name <email>` (optionally `Role: ...`); the added are told they are on the case, what it is
 * about (not the child's name in the subject), and how to act. Breach notices that escalate
 * say how to bring the new stage's holder in."
 */

const ASHA = 'asha.patel@school.example.org';
const DAN = 'dan.reed@school.example.org';
const SAM = 'sam.cole@council.example.gov.uk';
const JO = 'jo.lane@council.example.gov.uk';
const KIM = 'kim.shah@health.example.nhs.uk';
const CHILD = 'Child A (PID 12345)';

const form = sampleEscalationForm(CHILD);

describe.each(testEngines())('people joining a case, over SMTP on %s', (engine) => {
  let mail: MailHarness;
  let ref: string;
  let replyTo: string;
  let raised: RaisedCase;

  beforeEach(async () => {
    mail = await startMailHarness(engine);
    raised = await raiseByEmail(mail, {
      raiser: `Asha Patel <${ASHA}>`,
      mailbox: 'nel@escalations.localhost',
      form,
      idPrefix: 'joining',
    });
    ({ ref, replyTo } = raised);
  }, 60_000);
  afterEach(() => mail.close());

  const reply = (from: string, text: string) => raised.reply(from, text);
  const stateOf = async () => (await new CaseRepository().findByRef(mail.database.db, ref))!.state;
  const latest = (address: string) => mail.world.inbox(address).at(-1)!;

  it('after the breach rule escalates, the breach notice says how to bring in the new holder; ADD brings them in, they are told, and they can act', async () => {
    mail.clock.now = new Date('2026-11-26T09:00:00Z');
    const breach = await mail.casework.apply(
      ref,
      { kind: 'breach', stage: 1 },
      { kind: 'scheduler', id: 'scheduler', verified: true },
    );
    expect(breach.ok).toBe(true);
    await mail.drain();
    const notice = oneLine(latest(DAN).parsed.text);
    expect(notice).toContain('the case is now at stage 2');
    expect(notice).toContain('To bring in whoever now holds stage 2, reply ADD with their name');

    await reply(DAN, `ADD\nJo Lane <${JO}>\nRole: Service Manager\n\nJo holds stage 2 for us.`);
    expect((await stateOf()).participants).toContainEqual(
      expect.objectContaining({ email: JO, role: 'added', roleTitle: 'Service Manager' }),
    );
    // Jo's own notice: on the case, what it is about, how to act; no child's name in the subject.
    // Jo also has the confirmation everyone gets.
    const inbox = mail.world.inbox(JO);
    expect(inbox.map((m) => m.parsed.subject).sort()).toEqual([
      expect.stringMatching(new RegExp(`^\\[${ref}\\] People added: stage 2 of `)),
      expect.stringMatching(
        new RegExp(`^\\[${ref}\\] You have been added to this case: stage 2 of `),
      ),
    ]);
    const welcome = inbox.filter((m) => /You have been added/.test(m.parsed.subject ?? ''));
    const subject = welcome[0]!.parsed.subject ?? '';
    expect(subject).not.toContain('Child A');
    expect(subject.length).toBeLessThan(100);
    const told = oneLine(welcome[0]!.parsed.text);
    expect(told).toContain(`${DAN} has added you to ${ref}`);
    expect(told).toContain('Jo Lane <jo.lane@council.example.gov.uk>, Service Manager');
    expect(told).toContain(`People added by ${DAN}. Why: Jo holds stage 2 for us.`);
    expect(told).toContain(`Case: ${CHILD}`);
    expect(told).toContain('The referral was closed without an assessment.');
    expect(told).toContain('Stage 2:');
    expect(told).toContain('RESOLVED the agreed outcome');
    expect(told).toContain('ESCALATE the reason');
    expect(welcome[0]!.parsed.replyTo!.value[0]!.address).toBe(replyTo);
    // Everyone else hears who joined, and why.
    const confirmation = oneLine(latest(ASHA).parsed.text);
    expect(latest(ASHA).parsed.subject).toMatch(new RegExp(`^\\[${ref}\\] People added`));
    expect(confirmation).toContain('Why: Jo holds stage 2 for us.');
    expect(confirmation).toContain(
      'Added to the case, and told what it is about and how to act on it: - Jo Lane <jo.lane@council.example.gov.uk>, Service Manager',
    );

    // The person who now holds the stage can act.
    await reply(JO, 'NOTE\nI have the file and will call Asha today.');
    expect(latest(JO).parsed.subject).toMatch(new RegExp(`^\\[${ref}\\] Note added`));
    expect(oneLine(latest(ASHA).parsed.text)).toContain(
      'I have the file and will call Asha today.',
    );
  });

  it('Next contact: lines on a NOTE bring someone in, who is told', async () => {
    await reply(SAM, `NOTE\nKim from health should see this.\nNext contact: Kim Shah <${KIM}>`);
    expect((await stateOf()).participants).toContainEqual(
      expect.objectContaining({ email: KIM, role: 'next-contact', joinedAtStage: 1 }),
    );
    const inbox = mail.world.inbox(KIM);
    expect(inbox.map((m) => m.parsed.subject).sort()).toEqual([
      expect.stringMatching(new RegExp(`^\\[${ref}\\] Note added: stage 1 of `)),
      expect.stringMatching(new RegExp(`^\\[${ref}\\] You have been added to this case`)),
    ]);
    const welcome = inbox.filter((m) => /You have been added/.test(m.parsed.subject ?? ''));
    expect(oneLine(welcome[0]!.parsed.text)).toContain(`${SAM} has added you to ${ref}`);
    // their own notice reads on its own: it carries what the command said
    expect(oneLine(welcome[0]!.parsed.text)).toContain(
      `Note added by ${SAM}. Note: Kim from health should see this.`,
    );
    const confirmation = oneLine(latest(ASHA).parsed.text);
    expect(confirmation).toContain('Note: Kim from health should see this.');
    expect(confirmation).not.toContain('Next contact:');
    expect(confirmation).toContain('- Kim Shah <kim.shah@health.example.nhs.uk>');
  });

  it('an ADD that names nobody, or only people already on the case, is answered saying so, and changes nothing', async () => {
    await reply(ASHA, 'ADD\nplease add the new manager');
    expect(oneLine(latest(ASHA).parsed.text)).toContain(
      'ADD needs the people to add on the lines after it: one person per line, Name <name@example.org>',
    );
    await reply(ASHA, `ADD\nDan Reed <${DAN}>`);
    expect(oneLine(latest(ASHA).parsed.text)).toContain(
      `${DAN} is already on the case; nobody was added.`,
    );
    expect((await stateOf()).participants).toHaveLength(3);
  });

  it('keeps to the cap on the people one message may add', async () => {
    const many = Array.from({ length: 21 }, (_, i) => `p${i}@council.example.gov.uk`);
    await reply(ASHA, `ADD\n${many.join('\n')}`);
    expect(oneLine(latest(ASHA).parsed.text)).toContain(
      'This would add 21 people to the case; one message may add at most 20.',
    );
    expect(mail.world.inbox(many[0]!)).toHaveLength(0);
    expect((await stateOf()).participants).toHaveLength(3);
  });
});
