import { splitBodyLines } from './split-body-lines';

describe('splitBodyLines', () => {
  test.each([
    ['LF', 'a\nb', ['a', 'b']],
    ['CRLF', 'a\r\nb\r\n', ['a', 'b', '']],
    ['bare CR', 'a\rb', ['a', 'b']],
    ['Unicode line separator', 'a\u2028b', ['a', 'b']],
    ['trailing whitespace', 'a  \t\nb ', ['a', 'b']],
    ['a leading BOM', '\uFEFFCase: x', ['Case: x']],
    ['no-break spaces', 'Case:\u00A0x\u00A0\u00A0', ['Case: x']],
    ['narrow and figure spaces', 'a\u202Fb\u2007c', ['a b c']],
    ['zero-width characters', 'Ca\u200Bse:\u2060 x', ['Case: x']],
    ['blank lines kept', 'a\n\n\nb', ['a', '', '', 'b']],
    ['the empty string', '', ['']],
  ])('%s', (_, text, lines) => {
    expect(splitBodyLines(text)).toEqual(lines);
  });
});
