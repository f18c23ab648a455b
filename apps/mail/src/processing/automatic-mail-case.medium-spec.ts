import { caseAutomaticMail, caseChronology, caseFailingAddresses } from '@escalations/casework';
import { CaseRepository, messages } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { and, eq } from 'drizzle-orm';
import { policyLibrary, startMailHarness, type MailHarness } from '../testing/mail-harness';
import { raiseByEmail, sampleEscalationForm, type RaisedCase } from '../testing/sample-case';

/*
 * Issue 11, item 7: "automatic mail (out-of-office, bounces) and a participant's failing
 * address show on the case". Machine mail is tied to a case only on proof: an out-of-office
 * naming a message we sent to its sender, a bounce proving a delivery of ours failed. One
 * that merely names the reference in its subject is tied to nothing.
 */

const KIRKLEES = 'kirklees@escalations.localhost';
const ASHA = 'asha.patel@school.example.org';
const DAN = 'dan.reed@school.example.org';
const SAM = 'sam.cole@council.example.gov.uk';

function deliveryStatusReport(failed: string, messageId: string, returned: string): string {
  const boundary = 'dsn-boundary-9c1e';
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.school.example.org>',
    `To: ${KIRKLEES}`,
    'Subject: Undelivered Mail Returned to Sender',
    'Date: Tue, 08 Dec 2026 10:00:00 +0000',
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `<${failed}>: 550 5.1.1 User unknown`,
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.school.example.org',
    '',
    `Final-Recipient: rfc822; ${failed}`,
    'Action: failed',
    'Status: 5.1.1',
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    `From: ${KIRKLEES}`,
    `To: ${failed}`,
    `Message-ID: <${returned}>`,
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

describe.each(testEngines())('automatic mail on the case, on %s', (engine) => {
  let mail: MailHarness;
  let raised: RaisedCase;
  let caseId: string;

  beforeAll(async () => {
    mail = await startMailHarness(engine);
    raised = await raiseByEmail(mail, {
      raiser: `Asha Patel <${ASHA}>`,
      mailbox: KIRKLEES,
      form: sampleEscalationForm(),
      idPrefix: 'automatic',
    });
    caseId = (await new CaseRepository().findByRef(mail.database.db, raised.ref))!.id;
  }, 60_000);
  afterAll(() => mail.close());

  const inbound = async (messageId: string) => {
    const [row] = await mail.database.db
      .select({ caseId: messages.caseId, kind: messages.kind })
      .from(messages)
      .where(and(eq(messages.direction, 'inbound'), eq(messages.messageId, messageId)));
    return row;
  };
  /** the Message-ID of the acknowledgement as `address` received it */
  const acknowledgementTo = (address: string) =>
    mail.world.inbox(address)[0]!.parsed.messageId!.replace(/^<|>$/g, '');

  it('ties an out-of-office answering our mail to its case; one only naming the reference, to nothing', async () => {
    await mail.deliver({
      from: `Sam Cole <${SAM}>`,
      to: KIRKLEES,
      subject: `Automatic reply: [${raised.ref}] Escalation received`,
      text: 'I am out of the office until Monday 14 December.',
      messageId: '<ooo-sam@council.example.gov.uk>',
      inReplyTo: `<${acknowledgementTo(SAM)}>`,
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await mail.deliver({
      from: 'someone@elsewhere.example.org',
      to: KIRKLEES,
      subject: `Automatic reply: [${raised.ref}] Escalation received`,
      text: 'Away.',
      messageId: '<ooo-stranger@elsewhere.example.org>',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await mail.drain();
    expect(await inbound('ooo-sam@council.example.gov.uk')).toEqual({
      caseId,
      kind: 'automatic',
    });
    expect(await inbound('ooo-stranger@elsewhere.example.org')).toEqual({
      caseId: null,
      kind: 'automatic',
    });
  });

  it("ties a bounce of our mail to its case, with the participant's failing address", async () => {
    await mail.deliver({
      envelope: { from: '', to: [KIRKLEES] },
      raw: deliveryStatusReport(DAN, 'dsn-dan@mx.school.example.org', acknowledgementTo(DAN)),
    });
    await mail.drain();
    expect(await inbound('dsn-dan@mx.school.example.org')).toEqual({
      caseId,
      kind: 'automatic',
    });

    const db = mail.database.db;
    expect(await caseAutomaticMail(db, caseId)).toEqual([
      expect.objectContaining({
        kind: 'auto-reply',
        from: SAM,
        subject: `Automatic reply: [${raised.ref}] Escalation received`,
        failedRecipients: [],
      }),
      expect.objectContaining({
        kind: 'bounce',
        subject: 'Undelivered Mail Returned to Sender',
        failedRecipients: [DAN],
      }),
    ]);
    expect(await caseFailingAddresses(db, caseId)).toEqual([
      { email: DAN, name: 'Dan Reed', failingSince: mail.clock.now.toISOString() },
    ]);

    const record = (await new CaseRepository().findByRef(db, raised.ref))!;
    const chronology = await caseChronology(
      db,
      caseId,
      record.state,
      policyLibrary().policies.get('kirklees')!,
    );
    const said = chronology.entries.map((entry) => entry.what);
    expect(said).toContainEqual(
      expect.stringContaining(`Message in (automatic: auto-reply) to ${KIRKLEES}`),
    );
    expect(said).toContainEqual(
      expect.stringMatching(/^Message in \(automatic: bounce\)[^]*\nDelivery failed to dan\.reed@/),
    );
  });
});
