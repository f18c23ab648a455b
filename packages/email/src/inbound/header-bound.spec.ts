import { classifyAutomaticEmail } from './classify-automatic-email';
import { headerValueForParsing, MAX_PARSED_HEADER_VALUE } from './header-bound';
import { parseInboundEmail } from './parse-inbound-email';

const BIG = 250 * 1024;
const message = (...headers: string[]) =>
  Buffer.from(`${headers.join('\r\n')}\r\n\r\nbody\r\n`, 'latin1');

describe('the header parsing bound', () => {
  it('parses the first MAX_PARSED_HEADER_VALUE characters of a value and says when it cut', () => {
    expect(MAX_PARSED_HEADER_VALUE).toBe(8 * 1024);
    expect(headerValueForParsing('short')).toEqual({ value: 'short', cut: false });
    const long = headerValueForParsing('x'.repeat(MAX_PARSED_HEADER_VALUE + 1));
    expect(long.cut).toBe(true);
    expect(long.value).toHaveLength(MAX_PARSED_HEADER_VALUE);
  });

  it('reads nothing of a Subject past the bound', async () => {
    const email = await parseInboundEmail(
      message('From: a@x.org', `Subject: ${'s'.repeat(MAX_PARSED_HEADER_VALUE)}[NEL-2026-0001]`),
    );
    expect(email.subject).toBe('s'.repeat(MAX_PARSED_HEADER_VALUE));
    expect(email.problems).toContain(
      `the subject header was cut to ${MAX_PARSED_HEADER_VALUE} characters for reading`,
    );
  });

  it('reads no address and no id past the bound', async () => {
    const pad = `${'n'.repeat(MAX_PARSED_HEADER_VALUE)} `;
    const email = await parseInboundEmail(
      message(`From: ${pad}late@x.org`, `Message-ID: ${pad}<late@x>`, `References: ${pad}<r@x>`),
    );
    expect(email.from).toBeNull();
    expect(email.messageId).toBeNull();
    expect(email.references).toEqual([]);
  });

  // Each finishes within jest's timeout: a pattern that backtracked over 250 KB would not.
  it.each([
    ['From', `From: ${'a'.repeat(BIG)}`],
    ['From of addresses', `From: ${'a@'.repeat(BIG / 2)}`],
    ['From of angle brackets', `From: ${'<'.repeat(BIG)}`],
    ['Message-ID', `Message-ID: <${'m'.repeat(BIG)}`],
    ['Subject of encoded-word openings', `Subject: ${'=?utf-8?q?'.repeat(BIG / 10)}`],
    ['References', `References: ${'<a@b> '.repeat(BIG / 6)}`],
    ['Date', `Date: ${'1 '.repeat(BIG / 2)}`],
    ['Return-Path', `Return-Path: ${'a'.repeat(BIG)}`],
    ['X-Failed-Recipients', `X-Failed-Recipients: ${'a'.repeat(BIG)}`],
    ['Content-Type', `Content-Type: multipart/report; ${'report-type '.repeat(BIG / 12)}`],
  ])('parses and classifies a message with a 250 KB %s header', async (_label, header) => {
    const email = await parseInboundEmail(message('To: nel@x.org', header));
    expect(email.problems.some((problem) => problem.includes('cut to'))).toBe(true);
    expect(classifyAutomaticEmail(email)).toBeDefined();
  });
});
