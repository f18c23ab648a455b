/**
 * RECOMMEND (issue 11, item 6): the reply that records a timed step done, NEL's "The Chair
 * will make a recommendation of the most appropriate way to proceed within 5 days of the
 * notification". Its text is the recommendation, as any command's.
 */
import { parseReplyCommand } from './parse-reply-command';

describe('RECOMMEND', () => {
  test.each([
    ['RECOMMEND\nConvene a resolution panel.', 'Convene a resolution panel.'],
    ['Recommend: a strategy meeting this week', 'a strategy meeting this week'],
    ['Dear all,\nRECOMMEND\nThe assessment goes ahead.', 'The assessment goes ahead.'],
  ])('%j', (text, recommendation) => {
    expect(parseReplyCommand(text)).toEqual({
      ok: true,
      command: { kind: 'recommend', recommendation },
    });
  });

  it('needs the recommendation', () => {
    expect(parseReplyCommand('RECOMMEND')).toEqual({
      ok: false,
      problems: ['RECOMMEND needs the recommendation on the lines after it'],
    });
  });

  it('is offered to someone who misspells it', () => {
    const parsed = parseReplyCommand('RECOMEND\nA panel');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems[0]).toContain('Did you mean RECOMMEND?');
  });
});
