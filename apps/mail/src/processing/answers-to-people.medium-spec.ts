/**
 * Issue 10, items 5, 6 and 12, through SMTP on both engines: nobody is silenced (the answer
 * limit stops loops, not a participant's commands, and says when answers resume); mail
 * through a group acts when it holds a command or a form; an attachment too large to keep
 * is named to its sender.
 */
import { randomBytes } from 'node:crypto';
import { cases, events, messages } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { and, eq } from 'drizzle-orm';
import { startMailHarness, type MailHarness } from '../testing/mail-harness';

const NEL = 'nel@escalations.localhost';
const LIMIT_SUBJECT = 'Your emails are kept, but for now not answered';

function form(people: { manager: string; other: string }, caseName = 'Child A'): string {
  return [
    `Case: ${caseName}`,
    'Agency: Grange Primary School',
    'Other agency: Childrens Services',
    'Disagreement: The referral was closed without an assessment.',
    'Category: referral thresholds',
    `Manager: Dan Reed <${people.manager}>`,
    `Other practitioner: Sam Cole <${people.other}>`,
  ].join('\n');
}

describe.each(testEngines())('answers to people on %s', (engine) => {
  let mail: MailHarness;

  beforeAll(async () => {
    mail = await startMailHarness(engine, { answersPerHour: 2 });
  }, 60_000);
  afterAll(() => mail.close());

  const db = () => mail.database.db;
  const unique = () => randomBytes(4).toString('hex');

  async function inbound(messageId: string) {
    const [row] = await db()
      .select()
      .from(messages)
      .where(and(eq(messages.direction, 'inbound'), eq(messages.messageId, messageId)));
    expect(row).toBeDefined();
    return row!;
  }

  async function eventTypes(caseId: string): Promise<string[]> {
    const rows = await db().select().from(events).where(eq(events.caseId, caseId));
    return rows.sort((a, b) => a.seq - b.seq).map((row) => row.type);
  }

  /** Raise a case by email; its reference, id and the reply address its acknowledgement gives. */
  async function raise(tag: string) {
    const raiser = `${tag}.raiser@school.example.org`;
    const manager = `${tag}.manager@school.example.org`;
    const id = `${tag}-raise@school.example.org`;
    await mail.deliver({
      from: raiser,
      to: NEL,
      subject: 'Escalation',
      text: form({ manager, other: `${tag}.other@council.example.gov.uk` }),
      messageId: `<${id}>`,
    });
    await mail.drain();
    const ack = mail.world.inbox(raiser).at(-1)!;
    const replyTo = ack.parsed.replyTo!.value[0]!.address!;
    return { raiser, manager, replyTo, caseId: (await inbound(id)).caseId! };
  }

  describe('the answer limit (item 5)', () => {
    it("answers every one of a participant's distinct refused commands, past the limit", async () => {
      const { manager, replyTo } = await raise(`distinct-${unique()}`);
      const before = mail.world.inbox(manager).length;
      // Six refused commands in an hour, each different: the limit is 2.
      for (const n of [1, 2, 3, 4, 5, 6]) {
        await mail.deliver({
          from: manager,
          to: replyTo,
          subject: 'Re: escalation',
          text: `EXTEND TO 2020-01-0${n}\nAttempt ${n}.`,
          messageId: `<distinct-${n}-${unique()}@school.example.org>`,
        });
      }
      await mail.drain();
      const answers = mail.world.inbox(manager).slice(before);
      expect(answers).toHaveLength(6);
      for (const [i, answer] of answers.entries()) {
        expect(answer.parsed.subject).toContain('Your reply did not change the case');
        expect(answer.parsed.text).toContain(`2020-01-0${i + 1} has already passed`);
      }
    });

    it('stops answering the same command sent again, telling the sender once when answers resume', async () => {
      const { manager, replyTo } = await raise(`repeat-${unique()}`);
      const before = mail.world.inbox(manager).length;
      const ids = [1, 2, 3, 4, 5].map((n) => `repeat-${n}-${unique()}@school.example.org`);
      for (const id of ids) {
        await mail.deliver({
          from: manager,
          to: replyTo,
          subject: 'Re: escalation',
          text: 'EXTEND TO 2020-01-06\nThe same, again.',
          messageId: `<${id}>`,
        });
      }
      await mail.drain();
      const answers = mail.world.inbox(manager).slice(before);
      // The first is answered, and the second (under the limit); the third is a repeat over
      // the limit: one final answer says so; the rest are kept, not answered.
      expect(answers.map((answer) => answer.parsed.subject)).toEqual([
        expect.stringContaining('Your reply did not change the case'),
        expect.stringContaining('Your reply did not change the case'),
        LIMIT_SUBJECT,
      ]);
      expect(answers[2]!.parsed.inReplyTo).toBe(`<${ids[2]}>`);
      expect(answers[2]!.parsed.text).toMatch(/until .+ they will not be answered/);
      for (const id of ids.slice(2)) {
        expect((await inbound(id)).error).toMatch(/not answered: answer limit reached/);
      }
    });

    it("limits a stranger's mail to a case, and says so once", async () => {
      const { replyTo } = await raise(`stranger-${unique()}`);
      const stranger = `stranger-${unique()}@elsewhere.example.org`;
      for (const n of [1, 2, 3, 4]) {
        await mail.deliver({
          from: stranger,
          to: replyTo,
          subject: 'Re: escalation',
          text: `RESOLVED\nClosing it, take ${n}.`,
          messageId: `<stranger-${n}-${unique()}@elsewhere.example.org>`,
        });
      }
      await mail.drain();
      expect(mail.world.inbox(stranger).map((answer) => answer.parsed.subject)).toEqual([
        'Your reply did not change the case',
        'Your reply did not change the case',
        LIMIT_SUBJECT,
      ]);
    });
  });

  describe('mail through a group (item 6)', () => {
    const LIST = { 'List-Id': 'Safeguarding leads <leads.school.example.org>' };

    it("acts on a participant's ESCALATE that came through a distribution list", async () => {
      const { manager, replyTo, caseId } = await raise(`list-${unique()}`);
      const id = `list-escalate-${unique()}@school.example.org`;
      await mail.deliver({
        from: manager,
        to: replyTo,
        subject: 'Re: escalation',
        text: 'ESCALATE\nNo agreement at stage 1.',
        messageId: `<${id}>`,
        headers: LIST,
      });
      await mail.drain();
      expect(await inbound(id)).toMatchObject({ status: 'processed', kind: 'reply', caseId });
      expect(await eventTypes(caseId)).toContain('escalated');
    });

    it('opens a case from a complete form sent to the policy mailbox through a list', async () => {
      const tag = `listform-${unique()}`;
      const id = `${tag}@school.example.org`;
      await mail.deliver({
        from: `${tag}.raiser@school.example.org`,
        to: NEL,
        subject: 'Escalation',
        text: form({
          manager: `${tag}.manager@school.example.org`,
          other: `${tag}.other@council.example.gov.uk`,
        }),
        messageId: `<${id}>`,
        headers: { ...LIST, 'List-Unsubscribe': '<mailto:leave@school.example.org>' },
      });
      await mail.drain();
      const row = await inbound(id);
      expect(row).toMatchObject({ status: 'processed', kind: 'escalation' });
      const [opened] = await db().select().from(cases).where(eq(cases.id, row.caseId!));
      expect(opened).toBeDefined();
    });

    it('records list mail without a command or form as list traffic, unanswered', async () => {
      const { manager, replyTo, caseId } = await raise(`listchat-${unique()}`);
      const before = mail.world.received.length;
      const eventsBefore = await eventTypes(caseId);
      const id = `list-chat-${unique()}@school.example.org`;
      await mail.deliver({
        from: manager,
        to: replyTo,
        subject: 'Re: escalation',
        text: 'Has anyone got the minutes from Tuesday?',
        messageId: `<${id}>`,
        headers: LIST,
      });
      await mail.drain();
      const row = await inbound(id);
      expect(row).toMatchObject({ status: 'processed', kind: 'automatic' });
      expect(row.error).toMatch(/^list: List-Id/);
      expect(mail.world.received.length).toBe(before);
      expect(await eventTypes(caseId)).toEqual(eventsBefore);
    });
  });

  describe("each policy's own words (item 13)", () => {
    function bareForm(tag: string, extra: string[] = []): string {
      return [
        'Case: Child B',
        'Agency: Grange Primary School',
        'Other agency: Childrens Services',
        'Disagreement: The referral was closed without an assessment.',
        `Manager: Dan Reed <${tag}.manager@school.example.org>`,
        `Other practitioner: Sam Cole <${tag}.other@council.example.gov.uk>`,
        ...extra,
      ].join('\n');
    }

    it('acknowledges a chew-stoke case without offering EXTEND, under a subject of its short title', async () => {
      const tag = `chew-${unique()}`;
      const raiser = `${tag}.raiser@school.example.org`;
      await mail.deliver({
        from: raiser,
        to: 'chew-stoke@escalations.localhost',
        subject: 'Escalation',
        text: bareForm(tag),
        messageId: `<${tag}@school.example.org>`,
      });
      await mail.drain();
      const ack = mail.world.inbox(raiser).at(-1)!;
      expect(ack.parsed.subject).toMatch(
        /^\[CSO-\d{4}-\d{4}\] Escalation received: stage 1 of Chew Stoke escalation guidelines$/,
      );
      expect(ack.parsed.subject!.length).toBeLessThan(100);
      expect(ack.parsed.text).toContain('ESCALATE');
      expect(ack.parsed.text).not.toContain('EXTEND');
    });

    it('gives a Kirklees immediate-risk raiser the Duty & Advice number as the document prints it', async () => {
      const tag = `kirk-${unique()}`;
      const raiser = `${tag}.raiser@school.example.org`;
      await mail.deliver({
        from: raiser,
        to: 'kirklees@escalations.localhost',
        subject: 'Escalation',
        text: bareForm(tag, ['Risk: immediate']),
        messageId: `<${tag}@school.example.org>`,
      });
      await mail.drain();
      const ack = mail.world.inbox(raiser).at(-1)!;
      expect(ack.parsed.subject!.length).toBeLessThan(100);
      expect(ack.parsed.text).toContain('IMMEDIATE RISK:');
      expect(ack.parsed.text).toContain('Duty & Advice Professional Number 01484 414960 or 999');
    });

    it('states the immediate-risk guidance once in a form-problems answer, with MASH and SPA', async () => {
      const sender = `nelform-${unique()}@school.example.org`;
      await mail.deliver({
        from: sender,
        to: NEL,
        subject: 'Escalation',
        text: 'Case: Child C',
        messageId: `<${sender}>`,
      });
      await mail.drain();
      const answer = mail.world.inbox(sender).at(-1)!;
      const text = answer.parsed.text!;
      expect(text.split('IMMEDIATE RISK').length - 1).toBe(1);
      expect(text.split('do not wait').length - 1).toBe(1);
      expect(text).toContain('Multi-Agency Safeguarding Hub (MASH): 01472 326292');
      expect(text).toContain('Single Point Access Focus (SPA) 01472 256256');
    });
  });

  describe('attachments too large to keep (item 12)', () => {
    const big = () => randomBytes(300 * 1024);

    it('names them in the acknowledgement of an escalation', async () => {
      const tag = `bigack-${unique()}`;
      const raiser = `${tag}.raiser@school.example.org`;
      await mail.deliver({
        from: raiser,
        to: NEL,
        subject: 'Escalation',
        text: form({
          manager: `${tag}.manager@school.example.org`,
          other: `${tag}.other@council.example.gov.uk`,
        }),
        messageId: `<${tag}@school.example.org>`,
        attachments: [
          { filename: 'chronology.pdf', content: big(), contentType: 'application/pdf' },
          { filename: 'note.txt', content: 'small', contentType: 'text/plain' },
        ],
      });
      await mail.drain();
      const ack = mail.world.inbox(raiser).at(-1)!;
      expect(ack.parsed.subject).toContain('Escalation received');
      expect(ack.parsed.text).toContain(
        'The attachment "chronology.pdf" (300 KB) was not kept: larger than the 256 KB this service keeps.',
      );
      expect(ack.parsed.text).not.toContain('note.txt');
    });

    it("names them in the confirmation of a reply, and in a refusal's answer", async () => {
      const { manager, replyTo } = await raise(`bigreply-${unique()}`);
      await mail.deliver({
        from: manager,
        to: replyTo,
        subject: 'Re: escalation',
        text: 'NOTE\nThe GP letter is attached.',
        messageId: `<bignote-${unique()}@school.example.org>`,
        attachments: [
          { filename: 'gp-letter.pdf', content: big(), contentType: 'application/pdf' },
        ],
      });
      await mail.drain();
      const confirmation = mail.world.inbox(manager).at(-1)!;
      expect(confirmation.parsed.text).toContain('Note added');
      expect(confirmation.parsed.text).toContain('"gp-letter.pdf" (300 KB) was not kept');

      await mail.deliver({
        from: manager,
        to: replyTo,
        subject: 'Re: escalation',
        text: 'Please see attached.',
        messageId: `<bigrefused-${unique()}@school.example.org>`,
        attachments: [{ filename: 'minutes.docx', content: big(), contentType: 'application/pdf' }],
      });
      await mail.drain();
      const refused = mail.world.inbox(manager).at(-1)!;
      expect(refused.parsed.subject).toContain('Your reply did not change the case');
      expect(refused.parsed.text).toContain('"minutes.docx" (300 KB) was not kept');
    });
  });
});
