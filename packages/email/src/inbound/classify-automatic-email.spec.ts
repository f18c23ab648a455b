import {
  AutomaticEmailClassificationSchema,
  classifyAutomaticEmail,
  type AutomaticEmailClassification,
  type AutomaticEmailKind,
} from './classify-automatic-email';
import { parseInboundEmail } from './parse-inbound-email';
import { corpusAvailable, corpusFiles, readCorpusFile, warnCorpusLeftOut } from './testing/corpus';

async function classify(raw: Buffer | string): Promise<AutomaticEmailClassification> {
  const email = await parseInboundEmail(typeof raw === 'string' ? Buffer.from(raw) : raw);
  const result = classifyAutomaticEmail(email);
  expect(AutomaticEmailClassificationSchema.safeParse(result).success).toBe(true);
  return result;
}

function mail(...lines: string[]): string {
  return lines.join('\r\n');
}

const HUMAN = [
  'From: Sam Jones <sam@nhs.example>',
  'To: nel@escalations.localhost',
  'Subject: Re: [NEL-2026-0007]',
];

/**
 * What each automatic corpus file is (MANIFEST.md, "auto/"): its kind, and the failed
 * recipients where the file names them.
 */
const AUTO: Record<string, { kind: AutomaticEmailKind; failedRecipients: string[]; why: string }> =
  {
    'auto-submitted-header-only.eml': {
      kind: 'auto-submitted',
      failedRecipients: [],
      why: 'Auto-Submitted: auto-generated',
    },
    'auto-submitted-reply-to-digest.eml': {
      kind: 'auto-submitted',
      failedRecipients: [],
      why: 'Auto-Submitted: auto-generated on a body that reads like a person',
    },
    'autoreply-mimecast-inbox-no-longer-in-use.eml': {
      kind: 'auto-reply',
      failedRecipients: [],
      why: 'Auto-Submitted: auto-replied (also Precedence: bulk, Return-Path <>)',
    },
    'bounce-amazon-ses-suppression-list.eml': {
      kind: 'bounce',
      failedRecipients: ['xxxx@xxxx.com'],
      why: 'delivery-status report, Action: failed, Final-Recipient',
    },
    'bounce-gmail-text-plain-no-dsn-part.eml': {
      kind: 'bounce',
      failedRecipients: ['awfawfawfawfawfaw@someserverhere.com'],
      why: 'no report part: From mailer-daemon, X-Failed-Recipients and the text name the address',
    },
    'bounce-office365-ndr-5.1.10.eml': {
      kind: 'bounce',
      failedRecipients: ['noname@example.com'],
      why: 'delivery-status report; Original- and Final-Recipient are the same address',
    },
    'bounce-postfix-dsn-5.1.1.eml': {
      kind: 'bounce',
      failedRecipients: ['linux-admin@b-s-c.co.jp'],
      why: 'delivery-status report, Action: failed',
    },
    'bounce-postfix-remote-550-5.1.1.eml': {
      kind: 'bounce',
      failedRecipients: ['asdfasdfasdfasdfasdfasdfewrqertrtyrthsfgdfgadfqeadvxzvz@gmail.com'],
      why: 'delivery-status report, Action: failed',
    },
    'dsn-delayed-4.2.2-mailbox-full.eml': {
      kind: 'delivery-delay',
      failedRecipients: ['fraser@oooooooo.com.au'],
      why: 'Action: delayed: the recipient delivery is delayed to, not yet failed',
    },
    'dsn-failed-5.3.0-unknown-address.eml': {
      kind: 'bounce',
      failedRecipients: ['edwin@zzzzzzz.com'],
      why: 'delivery-status report, Action: failed; the returned headers are not read',
    },
    'ooo-auto-submitted-auto-replied.eml': {
      kind: 'auto-reply',
      failedRecipients: [],
      why: 'Auto-Submitted: auto-replied',
    },
    'ooo-exchange-automatic-reply.eml': {
      kind: 'auto-reply',
      failedRecipients: [],
      why: 'Return-Path <> with an "Automatic reply:" subject (and X-Auto-Response-Suppress)',
    },
    'ooo-icloud-vacation.eml': {
      kind: 'auto-reply',
      failedRecipients: [],
      why: 'X-Apple-Action: VACATION, iCloud having no RFC 3834 header',
    },
    'precedence-list-header-only.eml': {
      kind: 'list',
      failedRecipients: [],
      why: 'Precedence: list',
    },
    'read-receipt-mdn.eml': {
      kind: 'read-receipt',
      failedRecipients: [],
      why: 'multipart/report; report-type=disposition-notification',
    },
  };

if (corpusAvailable) {
  describe('classifyAutomaticEmail on the corpus', () => {
    it('has an expectation for every automatic file', () => {
      expect(Object.keys(AUTO).sort()).toEqual(corpusFiles('auto'));
    });

    test.each(corpusFiles('auto'))('auto/%s is automatic', async (name) => {
      const expected = AUTO[name]!;
      const result = await classify(readCorpusFile(`auto/${name}`));
      expect(result).toMatchObject({
        automatic: true,
        kind: expected.kind,
        failedRecipients: expected.failedRecipients,
      });
    });

    // exchange-xars-header-human-reply.eml among them: a person's reply carrying
    // X-Auto-Response-Suppress, which Outlook puts on ordinary mail.
    test.each(corpusFiles('replies'))('replies/%s is not automatic', async (name) => {
      expect(await classify(readCorpusFile(`replies/${name}`))).toEqual({ automatic: false });
    });
  });
} else {
  warnCorpusLeftOut();
}

describe('classifyAutomaticEmail', () => {
  it('takes a plain reply for a person', async () => {
    expect(await classify(mail(...HUMAN, '', 'RESOLVED', 'Agreed.'))).toEqual({ automatic: false });
  });

  it.each([
    ['Auto-Submitted: no', false],
    ['Auto-Submitted: No (a person sent this)', false],
    ['Auto-Submitted: auto-replied', 'auto-reply'],
    ['Auto-Submitted: auto-notified', 'auto-submitted'],
    ['X-Autoreply: yes', 'auto-reply'],
    ['X-Autorespond: Out of office', 'auto-reply'],
    ['X-Autogenerated: Reply', 'auto-reply'],
    ['Precedence: bulk', 'bulk'],
    ['Precedence: junk', 'bulk'],
    ['Precedence: list', 'list'],
    ['Precedence: auto_reply', 'auto-reply'],
    ['List-Id: Partnership news <news.nel.example>', 'list'],
    ['List-Unsubscribe: <https://example.org/unsubscribe>', 'bulk'],
    ['Return-Path: <>', 'auto-submitted'],
    ['X-MS-Exchange-Message-Is-Ndr:', 'bounce'],
    ['X-Auto-Response-Suppress: All', false],
  ] as const)('reads %j', async (headerLine, kind) => {
    const result = await classify(mail(...HUMAN, headerLine, '', 'text'));
    if (kind === false) expect(result).toEqual({ automatic: false });
    else expect(result).toMatchObject({ automatic: true, kind });
  });

  it('does not decide on a subject alone', async () => {
    for (const subject of [
      'Automatic reply: case',
      'Out of Office cover',
      'Undeliverable: notes',
    ]) {
      expect(
        await classify(mail('From: sam@nhs.example', `Subject: ${subject}`, '', 'NOTE')),
      ).toEqual({
        automatic: false,
      });
    }
  });

  it('takes an autoreply subject with an Exchange marker for an autoreply', async () => {
    const result = await classify(
      mail(
        'From: sam@nhs.example',
        'Subject: Automatic reply: [NEL-2026-0007]',
        'X-Auto-Response-Suppress: All',
        '',
        'away',
      ),
    );
    expect(result).toMatchObject({ automatic: true, kind: 'auto-reply' });
  });

  it('finds the failed address of a mailer daemon bounce in its text, above the returned original', async () => {
    const result = await classify(
      mail(
        'From: postmaster@council.example',
        'Subject: Undeliverable: [NEL-2026-0007]',
        '',
        "Your message to sam.jones@NHS.example couldn't be delivered.",
        '',
        '-----Original Message-----',
        'To: someone.else@example.org',
      ),
    );
    expect(result).toEqual({
      automatic: true,
      kind: 'bounce',
      reason: 'From postmaster@council.example',
      failedRecipients: ['sam.jones@nhs.example'],
    });
  });

  it('takes a mailer daemon warning for a delay', async () => {
    const result = await classify(
      mail(
        'From: MAILER-DAEMON@mx.example',
        'Subject: Delivery Status Notification (Delay)',
        '',
        'still trying',
      ),
    );
    expect(result).toMatchObject({ automatic: true, kind: 'delivery-delay' });
  });

  const report = (reportType: string, statusType: string, status: string): string =>
    mail(
      'From: mx@example.org',
      `Content-Type: multipart/report; report-type=${reportType}; boundary=r`,
      '',
      '--r',
      'Content-Type: text/plain',
      '',
      'notice',
      '--r',
      `Content-Type: ${statusType}`,
      '',
      status,
      '--r--',
    );

  it('reads every recipient block of a delivery status report', async () => {
    const status = [
      'Reporting-MTA: dns; mx.example.org',
      '',
      'Final-Recipient: rfc822; ok@example.org',
      'Action: delivered',
      '',
      'Original-Recipient: rfc822;Sam@NHS.example',
      'Final-Recipient: rfc822; sam.forwarded@nhs.example',
      'Action: failed',
      'Status: 5.1.1',
      '',
      'Final-Recipient: rfc822; <late@example.org>',
      'Action: delayed',
    ].join('\r\n');
    expect(await classify(report('delivery-status', 'message/delivery-status', status))).toEqual({
      automatic: true,
      kind: 'bounce',
      reason: 'delivery status report: Action: failed',
      failedRecipients: ['Sam@nhs.example', 'sam.forwarded@nhs.example'],
    });
  });

  it('records a report of successful delivery as automatic but no bounce', async () => {
    const status = 'Final-Recipient: rfc822; ok@example.org\r\nAction: delivered';
    expect(
      await classify(report('delivery-status', 'message/delivery-status', status)),
    ).toMatchObject({
      automatic: true,
      kind: 'auto-submitted',
      failedRecipients: [],
    });
  });

  it('takes a report without a readable status part for a bounce', async () => {
    expect(await classify(report('delivery-status', 'text/plain', 'gibberish'))).toMatchObject({
      automatic: true,
      kind: 'bounce',
    });
  });

  it('takes other reports (abuse feedback) for automatic', async () => {
    expect(
      await classify(report('feedback-report', 'message/feedback-report', 'Feedback-Type: abuse')),
    ).toMatchObject({
      automatic: true,
      kind: 'auto-submitted',
    });
  });

  it("is not fooled by a bounce forwarded inside a person's message", async () => {
    const forwarded = mail(
      ...HUMAN,
      'Content-Type: multipart/mixed; boundary=outer',
      '',
      '--outer',
      'Content-Type: text/plain',
      '',
      'NOTE',
      'Forwarding the bounce I got.',
      '--outer',
      'Content-Type: multipart/report; report-type=delivery-status; boundary=inner',
      '',
      '--inner',
      'Content-Type: message/delivery-status',
      '',
      'Final-Recipient: rfc822; x@example.org',
      'Action: failed',
      '--inner--',
      '--outer--',
    );
    expect(await classify(forwarded)).toEqual({ automatic: false });
  });
});
