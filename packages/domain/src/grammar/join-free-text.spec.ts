import { joinFreeText } from './join-free-text';

describe('joinFreeText', () => {
  test.each([
    ['one line', ['  text  '], 'text'],
    ['lines kept', ['one', 'two'], 'one\ntwo'],
    ['blank lines at either end dropped', ['', ' ', 'one', '', ''], 'one'],
    [
      'a run of blank lines kept as one paragraph break',
      ['one', '', '  ', '', 'two'],
      'one\n\ntwo',
    ],
    ['indentation dropped', ['  - item', '    - sub-item'], '- item\n- sub-item'],
    ['nothing', [], ''],
    ['only blanks', ['', '   '], ''],
  ])('%s', (_, lines, text) => {
    expect(joinFreeText(lines)).toBe(text);
  });
});
