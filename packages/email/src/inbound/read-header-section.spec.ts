import { readHeaderSection } from './read-header-section';

describe('readHeaderSection', () => {
  it('unfolds fields, lower-cases names and finds the body', () => {
    const raw = Buffer.from('Subject: a\r\n  folded\r\nX-Empty:\r\nTo : x@example.org\r\n\r\nbody');
    const section = readHeaderSection(raw);
    expect(section.fields).toEqual([
      { name: 'subject', value: 'a  folded' },
      { name: 'x-empty', value: '' },
      { name: 'to', value: 'x@example.org' },
    ]);
    expect(raw.subarray(section.bodyOffset).toString()).toBe('body');
    expect(section.problems).toEqual([]);
  });

  it('keeps 8-bit bytes as latin1 characters for the reader to decode', () => {
    const section = readHeaderSection(Buffer.from([0x53, 0x3a, 0x20, 0xe7, 0x0a, 0x0a]));
    expect(section.fields).toEqual([{ name: 's', value: '\u00e7' }]);
  });

  it('notes an mbox line, lines that are not fields, and a missing header section', () => {
    expect(
      readHeaderSection(Buffer.from('From x@y Tue Jul  7\nA: 1\nnot a field\n\nb')).problems,
    ).toEqual([
      'an mbox "From " line precedes the headers',
      '1 line(s) in the header section are not header fields; ignored',
    ]);
    const bare = readHeaderSection(Buffer.from('\r\nRESOLVED'));
    expect(bare.fields).toEqual([]);
    expect(bare.bodyOffset).toBe(2);
    expect(bare.problems).toEqual(['no header section: the message starts with a blank line']);
  });

  it('reads a message that is all headers, and an empty one', () => {
    expect(readHeaderSection(Buffer.from('A: 1\nB: 2')).fields).toHaveLength(2);
    expect(readHeaderSection(Buffer.alloc(0))).toEqual({ fields: [], bodyOffset: 0, problems: [] });
  });
});
