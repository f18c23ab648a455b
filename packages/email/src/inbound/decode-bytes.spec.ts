import { decodeBytes } from './decode-bytes';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('decodeBytes', () => {
  it('decodes under the declared charset', () => {
    expect(decodeBytes(Buffer.from([0x43, 0x61, 0x66, 0xe9]), 'iso-8859-1')).toEqual({
      text: 'Café',
      problem: null,
    });
    expect(decodeBytes(Buffer.from('1b2442244b244b1b2842', 'hex'), 'ISO-2022-JP').text).toBe(
      'にに',
    );
    expect(decodeBytes(Buffer.from([0xbd, 0xba]), '"ks_c_5601-1987"').text).toBe('스');
    expect(decodeBytes(Buffer.from([0xbd, 0xba]), 'cp949').text).toBe('스');
  });

  it('reads UTF-8 bytes under a single-byte label as UTF-8, and says so', () => {
    expect(decodeBytes(utf8('Café'), 'windows-1252')).toEqual({
      text: 'Café',
      problem: 'text declared as "windows-1252" is UTF-8; decoded as UTF-8',
    });
  });

  it('reads UTF-8 bytes a multi-byte label cannot decode as UTF-8', () => {
    expect(decodeBytes(utf8('您好！'), 'Big5')).toEqual({
      text: '您好！',
      problem: 'text declared as "Big5" is not valid in it but is UTF-8; decoded as UTF-8',
    });
  });

  it('replaces what neither the label nor UTF-8 can decode', () => {
    const result = decodeBytes(Buffer.from([0x82, 0xff, 0x82]), 'shift_jis');
    expect(result.text).toContain('\uFFFD');
    expect(result.problem).toMatch(/has bytes invalid in it/);
  });

  it('guesses for unknown and refused labels', () => {
    expect(decodeBytes(utf8('plain'), 'unicode-1-1-utf-7')).toEqual({
      text: 'plain',
      problem: 'unknown charset "unicode-1-1-utf-7"; decoded as UTF-8',
    });
    expect(decodeBytes(Buffer.from([0x66, 0xe9]), 'x-no-such-charset')).toEqual({
      text: 'fé',
      problem: 'unknown charset "x-no-such-charset"; decoded as Windows-1252',
    });
  });

  it('without a label, prefers UTF-8, keeps mostly-UTF-8 text as UTF-8, else Windows-1252', () => {
    expect(decodeBytes(utf8('Ünïcödé'))).toEqual({ text: 'Ünïcödé', problem: null });
    expect(decodeBytes(Buffer.concat([utf8('Юникод'), Buffer.from([0xf1])])).text).toBe(
      'Юникод\uFFFD',
    );
    expect(decodeBytes(Buffer.from([0x46, 0x6f, 0x72, 0x6d, 0x61, 0xe7, 0xe3, 0x6f]))).toEqual({
      text: 'Formação',
      problem: '8-bit text without a charset is not UTF-8; decoded as Windows-1252',
    });
  });
});
