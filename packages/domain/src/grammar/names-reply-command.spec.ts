import { replyCommandWord } from './names-reply-command';

describe('replyCommandWord', () => {
  test.each([
    ['ESCALATE\nNo agreement.', 'ESCALATE'],
    ['Hi all,\n\n*Extend* to 3/4/2027', 'EXTEND'],
    ['Dear Sam,\nThanks.\nRESOLVED: agreed', 'RESOLVED'],
    ['Your request has been logged as ticket 123.\nWe aim to reply within 5 days.', undefined],
    ['Hi,\nThanks.\nSee below.\nRESOLVED', undefined],
    ['Notes from the meeting', undefined],
  ])('%j', (text, word) => {
    expect(replyCommandWord(text)).toBe(word);
  });
});
