import { findNearMiss } from './find-near-miss';

const COMMANDS = ['RESOLVED', 'ESCALATE', 'EXTEND', 'REASON', 'NOTE', 'WITHDRAW', 'DECISION'];

describe('findNearMiss', () => {
  test.each([
    ['RESOLVE', 'RESOLVED'],
    ['resolved', 'RESOLVED'],
    ['Resolution', 'RESOLVED'],
    ['RESOVLED', 'RESOLVED'],
    ['ESCALATED', 'ESCALATE'],
    ['Escalation', 'ESCALATE'],
    ['EXTENSION', 'EXTEND'],
    ['Extended', 'EXTEND'],
    ['NOTES', 'NOTE'],
    ['Reasons', 'REASON'],
    ['WITHDRAWN', 'WITHDRAW'],
    ['Decison', 'DECISION'],
  ])('%s is near %s', (typed, meant) => {
    expect(findNearMiss(typed, COMMANDS)).toBe(meant);
  });

  test.each(['Hi', 'Thanks', 'Please', 'Dear', 'OK', '', 'x'.repeat(100)])(
    '%s is near nothing',
    (typed) => {
      expect(findNearMiss(typed, COMMANDS)).toBeUndefined();
    },
  );

  test.each([
    ['Other agencies', 'Other agency'],
    ['other-agency', 'Other agency'],
    ['Disagrement', 'Disagreement'],
    ['Cases', 'Case'],
  ])('label %s is near %s', (typed, meant) => {
    expect(findNearMiss(typed, ['Case', 'Agency', 'Other agency', 'Disagreement'])).toBe(meant);
  });

  test('a short word needs to be closer', () => {
    expect(findNearMiss('Date', ['Case'])).toBeUndefined();
    expect(findNearMiss('Cse', ['Case'])).toBe('Case');
  });

  test('the closest wins, then the earlier', () => {
    expect(findNearMiss('abcdx', ['abxyz', 'abcdy'])).toBe('abcdy');
    expect(findNearMiss('abcd', ['abce', 'abcf'])).toBe('abce');
  });
});
