import { messages, outbox, participants } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { and, eq } from 'drizzle-orm';
import { startMailHarness, type MailHarness } from '../testing/mail-harness';

const NEL = 'nel@escalations.localhost';
const BUSINESS_MANAGER = 'nel-business-manager@escalations.localhost';
const DAEMON = 'MAILER-DAEMON@mx.council.example.gov.uk';

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

/**
 * A delivery status report (RFC 3464) saying mail to `failed` could not be delivered, with
 * the returned message's headers: `returned` is its Message-ID, or absent in a report that
 * names no message (as anyone could write one).
 */
function deliveryStatusReport(failed: string, messageId: string, returned?: string): string {
  const boundary = 'dsn-boundary-7f3a';
  return [
    `From: Mail Delivery System <${DAEMON}>`,
    `To: ${NEL}`,
    'Subject: Undelivered Mail Returned to Sender',
    'Date: Tue, 24 Nov 2026 10:00:00 +0000',
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `<${failed}>: host mx.council.example.gov.uk said: 550 5.1.1 User unknown`,
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.council.example.gov.uk',
    '',
    `Final-Recipient: rfc822; ${failed}`,
    `Original-Recipient: rfc822;${failed}`,
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    `From: NEL escalations <${NEL}>`,
    `To: ${failed}`,
    ...(returned ? [`Message-ID: <${returned}>`] : []),
    'Subject: [NEL-2026-0001] Escalation received',
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

describe.each(testEngines())('bounces, on %s', (engine) => {
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

  async function raise(raiser: string, other: string, id: string) {
    await mail.deliver({
      from: raiser,
      to: NEL,
      subject: 'Escalation',
      text: form(raiser.replace('raiser', 'manager'), other),
      messageId: `<${id}>`,
    });
    await mail.drain();
    const ack = mail.world.inbox(raiser).at(-1)!;
    const ref = /\[(NEL-\d{4}-\d{4})\]/.exec(ack.parsed.subject ?? '')![1]!;
    return { ref, caseId: (await inbound(id)).caseId! };
  }

  /** The Message-ID of the mail we queued about a case to `address`, as the outbox holds it. */
  async function sentTo(caseId: string, address: string): Promise<string> {
    const rows = await db()
      .select({ messageId: messages.messageId, recipients: outbox.recipients })
      .from(outbox)
      .innerJoin(messages, eq(messages.id, outbox.messageId))
      .where(eq(outbox.caseId, caseId));
    const row = rows.find((r) => r.recipients.includes(address));
    expect(row).toBeDefined();
    return row!.messageId!;
  }

  async function failingOn(address: string) {
    const rows = await db()
      .select({ caseId: participants.caseId, failingSince: participants.failingSince })
      .from(participants)
      .where(eq(participants.email, address));
    return new Map(rows.map((row) => [row.caseId, row.failingSince]));
  }

  const told = () =>
    mail.world
      .inbox(BUSINESS_MANAGER)
      .filter((m) => /could not be delivered/.test(m.parsed.subject ?? ''));

  async function bounce(raw: string) {
    await mail.deliver({ envelope: { from: '', to: [NEL] }, raw });
    await mail.drain();
  }

  it('records a report naming a participant but no mail of ours as automatic, and marks no one failing', async () => {
    const sam = 'sam.forged@council.example.gov.uk';
    const { caseId } = await raise('forged.raiser@school.example.org', sam, 'forged-dsn-case');
    const toldBefore = told().length;
    const sentBefore = mail.world.received.length;

    await bounce(deliveryStatusReport(sam, 'forged-dsn@mx.council.example.gov.uk'));

    const row = await inbound('forged-dsn@mx.council.example.gov.uk');
    expect(row).toMatchObject({ status: 'processed', kind: 'automatic', caseId: null });
    expect(row.error).toMatch(/^bounce: .*no one is marked failing/);
    expect((await failingOn(sam)).get(caseId)).toBeNull();
    expect(told()).toHaveLength(toldBefore);
    expect(mail.world.received.length).toBe(sentBefore);
  });

  it('does not take a report naming our mail for an address that mail did not go to', async () => {
    const sam = 'sam.elsewhere@council.example.gov.uk';
    const target = await raise('target.raiser@school.example.org', sam, 'target-case');
    const other = await raise(
      'other.raiser@school.example.org',
      'other.other@council.example.gov.uk',
      'other-case',
    );
    const ours = await sentTo(other.caseId, 'other.raiser@school.example.org');
    const toldBefore = told().length;

    await bounce(deliveryStatusReport(sam, 'misaimed-dsn@mx.council.example.gov.uk', ours));

    expect((await failingOn(sam)).get(target.caseId)).toBeNull();
    expect(told()).toHaveLength(toldBefore);
  });

  it('marks the address failing on the case whose mail bounced, tells the partnership once, and answers no daemon', async () => {
    const olu = 'olu.ade@council.example.gov.uk';
    const first = await raise('bounce.raiser1@school.example.org', olu, 'bounce-case-1');
    const second = await raise('bounce.raiser2@school.example.org', olu, 'bounce-case-2');
    const toldBefore = told().length;
    const sentBefore = mail.world.received.length;
    const acknowledgement = await sentTo(first.caseId, olu);

    await bounce(
      deliveryStatusReport(olu, 'real-dsn-1@mx.council.example.gov.uk', acknowledgement),
    );

    const row = await inbound('real-dsn-1@mx.council.example.gov.uk');
    // kept with the case whose mail it proves undelivered, to show there
    expect(row).toMatchObject({ status: 'processed', kind: 'automatic', caseId: first.caseId });
    expect(row.error).toMatch(/^bounce: /);
    const failing = await failingOn(olu);
    expect(failing.get(first.caseId)).toEqual(mail.clock.now);
    // Mail about the second case was not reported undelivered: it may well have arrived.
    expect(failing.get(second.caseId)).toBeNull();

    const notices = told().slice(toldBefore);
    expect(notices.map((m) => m.parsed.subject)).toEqual([
      `[${first.ref}] Mail to a participant could not be delivered`,
    ]);
    expect(notices[0]!.parsed.text).toContain(olu);
    expect(mail.world.received.length).toBe(sentBefore + 1);
    expect(mail.world.inbox(DAEMON)).toHaveLength(0);

    // The same failure reported again tells no one anything new.
    await bounce(
      deliveryStatusReport(olu, 'real-dsn-2@mx.council.example.gov.uk', acknowledgement),
    );
    expect((await inbound('real-dsn-2@mx.council.example.gov.uk')).kind).toBe('automatic');
    expect(mail.world.received.length).toBe(sentBefore + 1);
  });

  it('leaves a closed case as it is when its mail bounces', async () => {
    const kim = 'kim.closed@council.example.gov.uk';
    const closed = await raise('closed.raiser@school.example.org', kim, 'closed-case');
    const withdrawn = await mail.casework.apply(
      closed.ref,
      { kind: 'withdraw', reason: 'Resolved between the agencies.' },
      { kind: 'participant', id: 'closed.raiser@school.example.org', verified: true },
    );
    expect(withdrawn.ok).toBe(true);
    await mail.drain();
    const toldBefore = told().length;

    await bounce(
      deliveryStatusReport(
        kim,
        'closed-dsn@mx.council.example.gov.uk',
        await sentTo(closed.caseId, kim),
      ),
    );

    expect((await failingOn(kim)).get(closed.caseId)).toBeNull();
    expect(told()).toHaveLength(toldBefore);
  });
});
