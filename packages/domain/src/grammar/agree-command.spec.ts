import { parseReplyCommand } from './parse-reply-command';

/*
 * CONTRACT.md: "`AGREE` | the raising side accepts an outcome the other side proposed with
 * `RESOLVED`; closes the case | optional" — the words after it are optional.
 */
describe('AGREE', () => {
  test.each([
    ['alone', 'AGREE', { kind: 'agree' }],
    ['in lower case with a colon', 'agree:', { kind: 'agree' }],
    [
      'with words on its line',
      'Agree: content with the plan',
      { kind: 'agree', text: 'content with the plan' },
    ],
    [
      'with words on the lines after it',
      'AGREE\nThe strategy meeting answers our concern.\nThanks, Asha',
      { kind: 'agree', text: 'The strategy meeting answers our concern.\nThanks, Asha' },
    ],
  ])('is read %s', (_how, body, command) => {
    expect(parseReplyCommand(body)).toEqual({ ok: true, command });
  });

  test('is offered to someone who wrote something else', () => {
    const parsed = parseReplyCommand('Agreed with the above');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems[0]).toContain('AGREE');
  });
});
