import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { InboundEmailSchema, type InboundEmail } from './inbound-email.schema';
import { MAX_TEXT_CHARACTERS, parseInboundEmail } from './parse-inbound-email';
import {
  corpusAvailable,
  corpusExpectations,
  corpusFiles,
  readCorpusFile,
  warnCorpusLeftOut,
} from './testing/corpus';

/** A raw message from its lines, CRLF as on the wire. */
function mail(...lines: string[]): Buffer {
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

async function parse(raw: Buffer): Promise<InboundEmail> {
  const email = await parseInboundEmail(raw);
  expect(InboundEmailSchema.safeParse(email).error).toBeUndefined();
  return email;
}

describe('parseInboundEmail', () => {
  it('reads a plain reply', async () => {
    const email = await parse(
      mail(
        'From: "Sam Jones" <Sam.Jones@NHS.Example>',
        'To: nel+NEL-2026-0007.k3j@escalations.localhost, Other <other@example.org>',
        'Cc: team@example.org',
        'Reply-To: <sam@example.org>',
        'Subject: =?UTF-8?Q?Re:_[NEL-2026-0007]_caf=C3=A9?=',
        'Date: Mon, 4 May 2026 10:15:00 +0100',
        'Message-ID: <abc@mail.example>',
        'In-Reply-To: <case.nel-2026-0007@escalations.localhost> (the notice)',
        'References: <root@x>,',
        '  <case.nel-2026-0007@escalations.localhost>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'RESOLVED',
        'Agreed.',
      ),
    );
    expect(email).toMatchObject({
      messageId: 'abc@mail.example',
      from: { address: 'Sam.Jones@nhs.example', name: 'Sam Jones' },
      to: [
        { address: 'nel+NEL-2026-0007.k3j@escalations.localhost', name: null },
        { address: 'other@example.org', name: 'Other' },
      ],
      cc: [{ address: 'team@example.org', name: null }],
      replyTo: [{ address: 'sam@example.org', name: null }],
      subject: 'Re: [NEL-2026-0007] café',
      date: '2026-05-04T09:15:00.000Z',
      inReplyTo: 'case.nel-2026-0007@escalations.localhost',
      references: ['root@x', 'case.nel-2026-0007@escalations.localhost'],
      text: 'RESOLVED\nAgreed.',
      textSource: 'plain',
      attachments: [],
      problems: [],
    });
  });

  it('returns an empty message, not an error, for an empty buffer', async () => {
    const email = await parse(Buffer.alloc(0));
    expect(email).toMatchObject({
      messageId: null,
      from: null,
      subject: '',
      text: '',
      textSource: 'none',
    });
    expect(email.problems).toEqual(
      expect.arrayContaining(['the message is empty', 'no From header']),
    );
  });

  it('reads a message that is only headers', async () => {
    const email = await parse(
      mail('From: a@example.com', 'Subject: Hi', 'Message-ID: <1@example.com>'),
    );
    expect(email).toMatchObject({
      from: { address: 'a@example.com' },
      subject: 'Hi',
      messageId: '1@example.com',
      text: '',
      textSource: 'none',
    });
  });

  it('decodes raw 8-bit headers as UTF-8 when they are, as Windows-1252 when not, and says so', async () => {
    const latin = Buffer.concat([
      Buffer.from('From: a@example.com\r\nSubject: Forma'),
      Buffer.from([0xe7, 0xe3]),
      Buffer.from('o\r\n\r\nbody'),
    ]);
    const utf8 = mail('From: =?utf-8?B?Sm9zw6k=?= <a@example.com>', 'Subject: Ünïcödé', '', 'body');
    const fromLatin = await parse(latin);
    expect(fromLatin.subject).toBe('Formação');
    expect(fromLatin.problems.join('\n')).toMatch(
      /raw 8-bit characters in the subject header.*Windows-1252/,
    );
    const fromUtf8 = await parse(utf8);
    expect(fromUtf8.subject).toBe('Ünïcödé');
    expect(fromUtf8.from).toEqual({ address: 'a@example.com', name: 'José' });
    expect([...fromUtf8.problems].sort()).toEqual([
      'no Date header',
      'no Message-ID header',
      'raw 8-bit characters in the subject header',
    ]);
  });

  it('records a missing From, Message-ID and an unreadable Date', async () => {
    const email = await parse(mail('Subject: x', 'Date: sometime soon', '', 'hello'));
    expect(email.from).toBeNull();
    expect(email.date).toBeNull();
    expect(email.problems).toEqual(
      expect.arrayContaining([
        'no From header',
        'no Message-ID header',
        'Date header could not be read: "sometime soon"',
      ]),
    );
  });

  it('takes the first of two From headers and of two Content-Type headers, and says so', async () => {
    const email = await parse(
      mail(
        'From: first@example.com',
        'From: ceo@example.com',
        'Content-Type: text/plain',
        'Content-Type: text/html',
        '',
        'hello',
      ),
    );
    expect(email.from?.address).toBe('first@example.com');
    expect(email.problems).toEqual(
      expect.arrayContaining([
        '2 From headers; the first was used',
        '2 Content-Type headers; the first was used',
      ]),
    );
  });

  it('refuses what is not an address', async () => {
    const email = await parse(
      mail(
        'From: undisclosed-recipients:;',
        'To: <Undisclosed-Recipient:@example.com;>, ok@example.com',
        '',
        'x',
      ),
    );
    expect(email.from).toBeNull();
    expect(email.to).toEqual([{ address: 'ok@example.com', name: null }]);
    expect(email.problems).toEqual(
      expect.arrayContaining(['To has 1 entry without a usable address']),
    );
  });

  it.each([
    ['Tue,  7 Jul 2009 22:47:39 -0700 (PDT)', '2009-07-08T05:47:39.000Z'],
    ['Wed, 20 Sep 1995 00:19:00 (EDT) -0400', '1995-09-20T04:19:00.000Z'],
    ['1 Jan 99 00:00 GMT', '1999-01-01T00:00:00.000Z'],
    ['Fri, 15 Jan 2016 00:12:43', '2016-01-15T00:12:43.000Z'],
    ['2026-05-04T10:15:00+01:00', '2026-05-04T09:15:00.000Z'],
    ['31 Feb 2026 10:00 +0000', null],
    ['1', null],
  ])('reads the Date %j without the local time zone', async (value, iso) => {
    expect((await parse(mail('From: a@example.com', `Date: ${value}`, '', 'x'))).date).toBe(iso);
  });

  it('makes attachment names safe and hashes the content', async () => {
    const part = (name: string | null, type: string, body: string): string[] => [
      '--b',
      `Content-Type: ${type}`,
      name === null
        ? 'Content-Disposition: attachment'
        : `Content-Disposition: attachment; filename="${name}"`,
      '',
      body,
    ];
    const email = await parse(
      mail(
        'From: a@example.com',
        'Content-Type: multipart/mixed; boundary=b',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'NOTE',
        ...part('../../etc/passwd', 'application/octet-stream', 'x'),
        ...part('invoice\u202Efdp.exe', 'application/octet-stream', 'x'),
        ...part('...', 'application/pdf', 'x'),
        ...part(null, 'application/pdf', '%PDF-1.4'),
        ...part('CON.txt', 'text/plain', 'x'),
        '--b--',
      ),
    );
    expect(email.attachments.map((a) => a.filename)).toEqual([
      '_.._etc_passwd',
      'invoicefdp.exe',
      'attachment-3.pdf',
      'attachment-4.pdf',
      '_CON.txt',
    ]);
    const pdf = email.attachments[3]!;
    expect(pdf).toMatchObject({ contentType: 'application/pdf', size: 8, partId: '5' });
    expect(pdf.sha256).toBe(createHash('sha256').update('%PDF-1.4').digest('hex'));
    expect(email.problems.join('\n')).toContain(
      '"invoice\\u202efdp.exe" was stored as "invoicefdp.exe"',
    );
  });

  it('second-guesses a charset label the bytes contradict', async () => {
    const email = await parse(
      Buffer.concat([
        Buffer.from('From: a@example.com\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n'),
        Buffer.from('Café – agreed', 'utf8'),
      ]),
    );
    expect(email.text).toBe('Café – agreed');
    expect(email.problems).toContain(
      'text part: text declared as "iso-8859-1" is UTF-8; decoded as UTF-8',
    );
  });

  it('converts HTML-only mail, quoting as a client would and marking a Gmail signature', async () => {
    const email = await parse(
      mail(
        'From: a@example.com',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<div dir="ltr">RESOLVED<div>Agreed &amp; closed.</div>',
        '<div class="gmail_signature" data-smartmail="gmail_signature">Sam</div>',
        '<div class="gmail_quote">On Mon, 4 May 2026 at 09:12, X &lt;x@example.com&gt; wrote:<br>',
        '<blockquote class="gmail_quote">Case: NEL-2026-0007</blockquote></div></div>',
      ),
    );
    expect(email.textSource).toBe('html');
    expect(email.text).toMatch(/^RESOLVED\nAgreed & closed\.\n+--\nSam\n/);
    expect(email.text).toContain('> Case: NEL-2026-0007');
  });

  it('removes NUL characters, which a database text column refuses', async () => {
    const email = await parse(mail('From: a@example.com', '', 'NOTE\0 here'));
    expect(email.text).toBe('NOTE here');
    expect(email.problems).toContain('NUL characters were removed');
  });

  it('keeps the raw body when no part of a multipart body can be found', async () => {
    const email = await parse(
      mail(
        'From: a@example.com',
        'Content-Type: multipart/mixed; boundary=real',
        '',
        '--other',
        '',
        'NOTE',
        'kept',
      ),
    );
    expect(email.textSource).toBe('raw');
    expect(email.text).toContain('NOTE\nkept');
  });

  it('keeps going past a header section too large for mailparser', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: a@example.com\r\nMessage-ID: <big@example.com>\r\nX-Padding: '),
      Buffer.alloc(1_100_000, 'a'),
      Buffer.from('\r\n\r\nbody'),
    ]);
    const email = await parse(raw);
    expect(email.messageId).toBe('big@example.com');
    expect(email.from?.address).toBe('a@example.com');
    expect(email.problems.join('\n')).toMatch(/header section longer than/);
  });

  it('never throws, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const email = await parseInboundEmail(Buffer.from(bytes));
        expect(InboundEmailSchema.safeParse(email).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on mail-shaped garbage', async () => {
    const piece = fc.oneof(
      fc.constantFrom(
        'From: a@example.com',
        'From: =?x-bogus?B?!!?= <>',
        'Content-Type: multipart/mixed; boundary=b',
        'Content-Type: multipart/report; report-type=delivery-status; boundary=b',
        'Content-Type: text/plain; charset=unicode-1-1-utf-7',
        'Content-Type: text/html; charset=big5',
        'Content-Transfer-Encoding: base64',
        'Content-Transfer-Encoding: quoted-printable',
        "Content-Disposition: attachment; filename*=utf-8''%E2%80%AE.exe",
        'Date: Fri, 31 Feb 2026 99:99 +9999',
        'Message-ID: <<<>>>',
        '--b',
        '--b--',
        '',
        '=?utf-8?Q?=E2=80?=',
        '<div class="gmail_signature"><blockquote>',
        '\u0000',
      ),
      fc.string({ maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }), async (pieces) => {
        const email = await parseInboundEmail(Buffer.from(pieces.join('\r\n'), 'utf8'));
        expect(InboundEmailSchema.safeParse(email).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe('parseInboundEmail on a body far longer than any form or reply', () => {
  const FORM = 'Case: Child A\nAgency: Grange Primary School\n';
  const head = (type: string) => [
    'From: asha.patel@school.example.org',
    'Subject: Escalation',
    'Message-ID: <long@school.example.org>',
    `Content-Type: ${type}; charset=utf-8`,
    'Content-Transfer-Encoding: 8bit',
    '',
  ];

  it(`reads the first ${MAX_TEXT_CHARACTERS} characters of a plain text and says so`, async () => {
    const line = 'the chronology goes on, café by café\r\n';
    const body = FORM + line.repeat(Math.ceil((1.5 * MAX_TEXT_CHARACTERS) / line.length));
    const email = await parse(mail(...head('text/plain'), body));
    expect(email.text.startsWith(FORM)).toBe(true);
    expect(email.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARACTERS);
    expect(email.text.length).toBeGreaterThan(MAX_TEXT_CHARACTERS * 0.9);
    expect(email.problems).toContainEqual(
      expect.stringMatching(/^the text is \d+ characters long; only the first 1000000 were read$/),
    );
  });

  it('converts only the start of a long HTML body, and bounds the text it makes', async () => {
    const paragraph = '<p>the chronology goes on</p>\r\n';
    const html =
      `<html><body><p>${FORM.replace(/\n/g, '<br>')}</p>` +
      paragraph.repeat(Math.ceil((5 * MAX_TEXT_CHARACTERS) / paragraph.length));
    const email = await parse(mail(...head('text/html'), html));
    expect(email.textSource).toBe('html');
    expect(email.text).toContain('Case: Child A');
    expect(email.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARACTERS);
    expect(email.problems).toContainEqual(
      expect.stringMatching(/^the HTML is \d+ characters long/),
    );
  });

  it('does not cut a character written as two code units in two', async () => {
    const body = 'x'.repeat(MAX_TEXT_CHARACTERS - 1) + '😀'.repeat(10);
    const email = await parse(mail(...head('text/plain'), body));
    expect(email.text).toBe('x'.repeat(MAX_TEXT_CHARACTERS - 1));
    expect(email.text).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it('keeps a text at the bound whole, with no problem said', async () => {
    const body = 'y'.repeat(MAX_TEXT_CHARACTERS);
    const email = await parse(mail(...head('text/plain'), body));
    expect(email.text).toBe(body);
    expect(email.problems.filter((problem) => problem.includes('characters long'))).toEqual([]);
  });
});

/** What each malformed corpus file must still give: the reason it is in the corpus. */
const MALFORMED: Record<string, (email: InboundEmail) => void> = {
  'binary-garbage-in-headers.eml': (email) => {
    expect(email.from?.address).toBe('headers@gmail.com');
    expect(typeof email.subject).toBe('string');
    expect(email.text).toContain('Hello');
    expect(email.problems.join('\n')).toMatch(/raw 8-bit characters in the subject header/);
  },
  'charset-big5-label-utf8-content.eml': (email) => {
    expect(email.text).toBe('您好！ 你今天好吗？');
    expect(email.problems.join('\n')).toMatch(/"Big5".*decoded as UTF-8/);
  },
  'charset-iso-2022-jp.eml': (email) => {
    expect(email.text).toBe('すみません。\n\n');
    expect(email.to.map((a) => a.address)).toEqual(['raasdnil@gmail.com']);
    expect(email.subject).toBe('まみむめも');
  },
  'charset-ks_c_5601-1987-raw-8bit.eml': (email) => expect(email.text).toBe('스티해\n'),
  'charset-unicode-1-1-utf-7.eml': (email) => {
    expect(email.text).toBe('This is a reply with a weird encoding.\n');
    expect(email.problems.join('\n')).toMatch(/unicode-1-1-utf-7/);
  },
  'cte-quoted-space-printable.eml': (email) =>
    expect(email.text).toContain("If you're in need of a good RX site"),
  'empty-reply-to-address-raw-utf8-header.eml': (email) => {
    expect(email.replyTo).toEqual([]);
    expect(email.text).toBe('Body Text');
    expect(email.problems).toContain('Reply-To has 1 entry without a usable address');
  },
  'multipart-header-but-no-body.eml': (email) => {
    expect(email.text).toBe('');
    expect(email.problems).toContain('multipart message with no parts');
  },
  'multipart-missing-final-boundary.eml': (email) => expect(email.text).toBe('Some body\n'),
  'multipart-parts-without-boundaries.eml': (email) => {
    // one text part: the pseudo part headers are text
    expect(email.text).toMatch(
      /^Hi This is a broken message\n[\s\S]*Content-Type: text\/html[\s\S]*Hey\n$/,
    );
    expect(email.attachments).toEqual([]);
  },
  'no-content-type-header.eml': (email) =>
    expect(email.text).toBe("Hello,\nI'm just testing message parsing\n\nBR,\nBob"),
  'raw-8bit-windows-1252-subject.eml': (email) => {
    expect(email.from?.name).toBe('Formação Frenetikpolis');
    expect(email.subject).toBe(
      'Formação FrenetikPolis: Mega Campanha Final Verão | Cursos de Setembro',
    );
  },
  'two-content-type-headers.eml': (email) => {
    expect(email.text).toBe('foo\n');
    expect(email.problems).toContain('2 Content-Type headers; the first was used');
  },
  'unquoted-boundary-with-equals.eml': (email) => {
    expect(email.text).toBe('Hello\nThis is an outlook test\n\nSo there.\n\nMe.\n');
    expect(email.messageId).toBe('009601c813c6$19df3510$0437d30a@mikel091a');
  },
};

if (corpusAvailable) {
  describe('parseInboundEmail on the corpus', () => {
    it('reads the corpus files the manifest lists, unchanged', () => {
      for (const entry of corpusExpectations()) {
        const digest = createHash('sha256').update(readCorpusFile(entry.path)).digest('hex');
        expect({ path: entry.path, sha256: digest }).toEqual({
          path: entry.path,
          sha256: entry.sha256,
        });
      }
    });

    it('has a check for every malformed file', () => {
      expect(Object.keys(MALFORMED).sort()).toEqual(corpusFiles('malformed'));
    });

    test.each(corpusFiles('malformed'))('malformed/%s', async (name) => {
      const email = await parse(readCorpusFile(`malformed/${name}`));
      MALFORMED[name]!(email);
    });

    test.each(corpusFiles('auto'))('auto/%s', async (name) => {
      const email = await parse(readCorpusFile(`auto/${name}`));
      expect(email.from).not.toBeNull();
    });

    test.each(corpusFiles('replies'))('replies/%s', async (name) => {
      const email = await parse(readCorpusFile(`replies/${name}`));
      expect(email.from).not.toBeNull();
      expect(email.text.trim()).not.toBe('');
    });
  });
} else {
  warnCorpusLeftOut();
}
