import { splitLabelLine } from './split-label-line';

describe('splitLabelLine', () => {
  test.each([
    ['Case: Baby A', 'case', 'Baby A'],
    ['case:Baby A', 'case', 'Baby A'],
    ['Other agency: Police', 'other agency', 'Police'],
    ['Other Agency : Police', 'other agency', 'Police'],
    ['OTHER-AGENCY: Police', 'other agency', 'Police'],
    ['other_agency: Police', 'other agency', 'Police'],
    ['Other   agency:   Police  ', 'other agency', 'Police'],
    ['*Case:* Baby A', 'case', 'Baby A'],
    ['**Case**: Baby A', 'case', 'Baby A'],
    ['*Case*: Baby A', 'case', 'Baby A'],
    ['_Case:_ Baby A', 'case', 'Baby A'],
    ['  Case: Baby A', 'case', 'Baby A'],
    ['Case (NHS number): 485 777 3456', 'case', '485 777 3456'],
    ['Case: *urgent* review', 'case', '*urgent* review'],
    ['Disagreement:', 'disagreement', ''],
    ['Disagreement: they said: no', 'disagreement', 'they said: no'],
    ['Naïve label: x', 'naïve label', 'x'],
    ['- Case: Baby A', 'case', 'Baby A'],
    ['• Case: Baby A', 'case', 'Baby A'],
    ['* Case: Baby A', 'case', 'Baby A'],
  ])('%j', (line, label, value) => {
    expect(splitLabelLine(line)).toMatchObject({ label, value });
  });

  test.each([
    'Case conference on 3 March: agreed',
    '10:30 meeting',
    'no colon here',
    ': nothing before',
    '-Case: no space after the bullet',
    '1. Case: numbered',
    '',
  ])('%j is not a label line', (line) => {
    expect(splitLabelLine(line)).toBeNull();
  });

  test('keeps the label as typed for messages', () => {
    expect(splitLabelLine('*Other Agencies:* x')?.typed).toBe('Other Agencies');
  });
});
