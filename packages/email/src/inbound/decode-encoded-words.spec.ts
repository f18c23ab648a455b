import { decodeEncodedWords } from './decode-encoded-words';

describe('decodeEncodedWords', () => {
  it('decodes B and Q words and drops the space between adjacent words', () => {
    expect(decodeEncodedWords('=?UTF-8?B?44G+44G/44KA44KB44KC?=')).toBe('まみむめも');
    expect(decodeEncodedWords('Re: =?utf-8?Q?caf=C3=A9_au?= =?utf-8?Q?_lait?= now')).toBe(
      'Re: café au lait now',
    );
    expect(decodeEncodedWords('=?Windows-1252?B?Rm9ybWHn428=?=')).toBe('Formação');
  });

  it('joins a character split across two words', () => {
    // "é" is C3 A9: the first word ends half-way through it
    expect(decodeEncodedWords('=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?=')).toBe('café');
  });

  it('leaves what is not an encoded word as it was', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?AutoRespons?= :Nyaan?')).toBe('AutoRespons :Nyaan?');
    expect(decodeEncodedWords('=?utf-8?B?!!not base64?= plain')).toBe(
      '=?utf-8?B?!!not base64?= plain',
    );
    expect(decodeEncodedWords('no words here')).toBe('no words here');
  });
});
