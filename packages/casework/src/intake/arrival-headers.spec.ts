import { MAX_PARSED_HEADER_VALUE } from '@escalations/email';
import { readArrivalHeaders } from './arrival-headers';

const BIG = 250 * 1024;
const message = (...headers: string[]) =>
  Buffer.from(`${headers.join('\r\n')}\r\n\r\nbody\r\n`, 'latin1');

describe('readArrivalHeaders', () => {
  it('reads the Message-ID without brackets and the sender lower-cased', () => {
    expect(
      readArrivalHeaders(
        message('From: "Patel, Asha" <Asha@School.Example.org>', 'Message-ID:  <a.1@x>'),
      ),
    ).toEqual({ messageId: 'a.1@x', fromAddress: 'asha@school.example.org' });
  });

  it('reads folded headers and a Message-ID without brackets', () => {
    expect(
      readArrivalHeaders(message('From: Asha', ' <asha@x.org>', 'Message-ID: bare@x')),
    ).toEqual({
      messageId: 'bare@x',
      fromAddress: 'asha@x.org',
    });
  });

  // Each of these took the old patterns tens of seconds; jest's timeout catches a return.
  it.each([
    ['From of letters', `From: ${'a'.repeat(BIG)}`],
    ['From of angle brackets', `From: ${'<'.repeat(BIG)}`],
    ['Message-ID of angle brackets', `Message-ID: ${'<'.repeat(BIG)}`],
    ['folded Message-ID', `Message-ID: ${'<\r\n '.repeat(BIG / 4)}`],
  ])('reads a 250 KB %s', (_label, header) => {
    expect(readArrivalHeaders(message(header))).toBeDefined();
  });

  it('reads From no further than the parsing bound', () => {
    const beyond = `From: ${'n'.repeat(MAX_PARSED_HEADER_VALUE)} late@x.org`;
    expect(readArrivalHeaders(message(beyond)).fromAddress).toBeNull();
    const within = `From: ${'n'.repeat(MAX_PARSED_HEADER_VALUE - 20)} early@x.org`;
    expect(readArrivalHeaders(message(within)).fromAddress).toBe('early@x.org');
  });

  it('takes no id from a Message-ID header that holds none', () => {
    for (const header of [
      'Message-ID: <<<<',
      'Message-ID: <>',
      'Message-ID: not an id',
      'Message-ID: a <b',
    ]) {
      expect(readArrivalHeaders(message(header)).messageId).toBeNull();
    }
    expect(readArrivalHeaders(message('Message-ID: <<a@x>')).messageId).toBe('a@x');
  });

  it('keeps a long Message-ID whole, so that ids differing at their end stay apart', () => {
    const id = `${'m'.repeat(BIG)}@x`;
    expect(readArrivalHeaders(message(`Message-ID: <${id}>`)).messageId).toBe(id);
  });
});
