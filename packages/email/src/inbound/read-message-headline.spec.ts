import { readMessageHeadline } from './read-message-headline';

describe('readMessageHeadline', () => {
  it('reads from, to, cc (as written) and an encoded subject from the header section, whatever the body', async () => {
    const raw = Buffer.from(
      [
        'From: "Asha Patel" <Asha.Patel@school.example.org>',
        'To: kirklees@escalations.localhost, Sam <sam.cole@council.example.gov.uk>',
        'Cc: dan.reed@school.example.org',
        'Subject: =?UTF-8?B?W0tJUi0yMDI2LTAwMDFdIETDqWNpc2lvbg==?=',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'RESOLVED',
      ].join('\r\n'),
    );
    expect(await readMessageHeadline(raw)).toEqual({
      from: 'Asha.Patel@school.example.org',
      to: ['kirklees@escalations.localhost', 'sam.cole@council.example.gov.uk'],
      cc: ['dan.reed@school.example.org'],
      subject: '[KIR-2026-0001] Décision',
    });
  });

  it('a head cut short, or no headers at all, still gives an answer', async () => {
    expect(
      await readMessageHeadline(Buffer.from('Subject: half a head\r\nFrom: a@')),
    ).toMatchObject({ subject: 'half a head' });
    expect(await readMessageHeadline(Buffer.alloc(0))).toEqual({
      from: null,
      to: [],
      cc: [],
      subject: null,
    });
  });
});
