import { events, messages } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { verifyReplyAddress } from '@escalations/email';
import { and, eq } from 'drizzle-orm';
import type { CapturedMail } from '../testing/capture-smtp-server';
import { startMailHarness, type MailHarness } from '../testing/mail-harness';

const NEL = 'nel@escalations.localhost';

function form(manager: string, other: string): string {
  return [
    'Case: Child A (PID 12345)',
    'Agency: Grange Primary School',
    'Other agency: Childrens Services',
    'Disagreement: The referral was closed without an assessment.',
    'Category: referral thresholds',
    `Manager: Dan Reed <${manager}>`,
    `Other practitioner: Sam Cole <${other}>`,
  ].join('\n');
}

/** An answer's headers, less those that differ for every message (and name what it answers). */
function shape(answer: CapturedMail) {
  const headers = [...answer.parsed.headers.keys()]
    .filter((name) => !['message-id', 'date', 'in-reply-to', 'references'].includes(name))
    .sort();
  return {
    headers,
    from: answer.parsed.from?.text,
    to: answer.parsed.to,
    replyTo: answer.parsed.replyTo?.text,
    subject: answer.parsed.subject,
    text: answer.parsed.text,
    html: answer.parsed.html,
  };
}

describe.each(testEngines())('answers to strangers, on %s', (engine) => {
  let mail: MailHarness;

  beforeAll(async () => {
    mail = await startMailHarness(engine);
  }, 60_000);
  afterAll(() => mail.close());

  const db = () => mail.database.db;

  async function inbound(messageId: string) {
    const [row] = await db()
      .select()
      .from(messages)
      .where(and(eq(messages.direction, 'inbound'), eq(messages.messageId, messageId)));
    expect(row).toBeDefined();
    return row!;
  }

  async function raise(raiser: string, id: string) {
    await mail.deliver({
      from: raiser,
      to: NEL,
      subject: 'Escalation',
      text: form(raiser.replace('raiser', 'manager'), raiser.replace('raiser', 'other')),
      messageId: `<${id}>`,
    });
    await mail.drain();
    const ack = mail.world.inbox(raiser).at(-1)!;
    const ref = /\[(NEL-\d{4}-\d{4})\]/.exec(ack.parsed.subject ?? '')![1]!;
    return { ack, ref, caseId: (await inbound(id)).caseId! };
  }

  it('tells a stranger the same about a case that exists and one that does not, with no reference or reply address', async () => {
    const { ack, ref, caseId } = await raise(
      'stranger.raiser@school.example.org',
      'stranger-case@school.example.org',
    );
    const eventsBefore = await db().select().from(events).where(eq(events.caseId, caseId));
    const missing = 'NEL-2026-9999';
    const stranger = 'nosy@elsewhere.example.com';
    const write = async (id: string, to: string, about: string) => {
      await mail.deliver({
        from: stranger,
        to,
        subject: `Re: [${about}] Escalation received`,
        text: 'RESOLVED\nClosing this.',
        messageId: `<${id}>`,
      });
      await mail.drain();
      return mail.world.inbox(stranger).at(-1)!;
    };

    const aboutExisting = await write('nosy-1@elsewhere.example.com', NEL, ref);
    const aboutMissing = await write('nosy-2@elsewhere.example.com', NEL, missing);
    // Even at the case's signed reply address, had it been passed on to them.
    const atReplyAddress = await write(
      'nosy-3@elsewhere.example.com',
      ack.parsed.replyTo!.value[0]!.address!,
      ref,
    );
    expect(mail.world.inbox(stranger)).toHaveLength(3);

    expect(shape(aboutExisting)).toEqual(shape(aboutMissing));
    expect(shape(atReplyAddress)).toEqual(shape(aboutMissing));
    for (const [answer, id] of [
      [aboutExisting, 'nosy-1@elsewhere.example.com'],
      [aboutMissing, 'nosy-2@elsewhere.example.com'],
      [atReplyAddress, 'nosy-3@elsewhere.example.com'],
    ] as const) {
      expect(answer.parsed.replyTo?.value.map((a) => a.address)).toEqual([NEL]);
      expect(answer.parsed.inReplyTo).toBe(`<${id}>`);
      const raw = answer.raw.toString('utf8');
      expect(raw).not.toContain(ref);
      expect(raw.toLowerCase()).not.toContain(ref.toLowerCase());
      expect(raw).not.toContain(missing);
      expect(raw).not.toContain('Child A');
      const addresses = raw.match(/[^\s<>"',;:]+@[^\s<>"',;:]+/g) ?? [];
      for (const address of addresses) {
        expect(verifyReplyAddress(mail.settings.replySecret, mail.settings.domain, address)).toBe(
          null,
        );
      }
    }

    // The refusal is on the record, with the case where there is one; the case is untouched.
    expect(await inbound('nosy-1@elsewhere.example.com')).toMatchObject({
      status: 'processed',
      kind: 'reply',
      caseId,
      error: 'refused: not-entitled (not on the case)',
    });
    expect(await inbound('nosy-2@elsewhere.example.com')).toMatchObject({
      status: 'processed',
      kind: 'reply',
      caseId: null,
      error: `no case ${missing}`,
    });
    expect(await db().select().from(events).where(eq(events.caseId, caseId))).toHaveLength(
      eventsBefore.length,
    );
  });

  it('still answers a participant about their own case, by its reference and reply address', async () => {
    const raiser = 'known.raiser@school.example.org';
    const { ack, ref } = await raise(raiser, 'known-case@school.example.org');
    await mail.deliver({
      from: raiser,
      to: ack.parsed.replyTo!.value[0]!.address!,
      subject: `Re: ${ack.parsed.subject}`,
      text: 'HELLO\nAny news?',
      messageId: '<known-1@school.example.org>',
    });
    await mail.drain();
    const answer = mail.world.inbox(raiser).at(-1)!;
    expect(answer.parsed.subject).toBe(`[${ref}] Your reply did not change the case`);
    expect(
      verifyReplyAddress(
        mail.settings.replySecret,
        mail.settings.domain,
        answer.parsed.replyTo!.value[0]!.address!,
      ),
    ).toEqual({ policyId: 'nel', ref });
  });
});
