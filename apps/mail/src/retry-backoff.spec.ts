import { nextAttemptAt } from './retry-backoff';

const NOW = new Date('2026-12-07T09:00:00Z');
const minutesAfter = (attempts: number, maxAttempts: number) => {
  const at = nextAttemptAt(attempts, maxAttempts, NOW);
  return at === null ? null : (at.getTime() - NOW.getTime()) / 60_000;
};

describe('nextAttemptAt: the backoff the processor and the sender share', () => {
  it.each([
    [1, 1],
    [2, 5],
    [3, 15],
    [4, 60],
    [5, 240],
    [6, 240],
    [9, 240],
  ])('after %i failed attempts waits %i minutes', (attempts, minutes) => {
    expect(minutesAfter(attempts, 10)).toBe(minutes);
  });

  it.each([
    [3, 3],
    [5, 5],
    [10, 10],
    [11, 10],
  ])('gives up after %i attempts of %i allowed', (attempts, maxAttempts) => {
    expect(minutesAfter(attempts, maxAttempts)).toBeNull();
  });
});
