import { daysLeftInCalendars } from './calendar-days-left';
import { realLibrary } from '../../test/support/policy-library';

describe('daysLeftInCalendars: how long each calendar in use still knows its holidays', () => {
  const library = realLibrary();
  const daysLeft = (now: string) =>
    Object.fromEntries(
      daysLeftInCalendars(library, new Date(now)).map((c) => [c.calendar, c.daysLeft]),
    );

  test('every calendar some policy counts in, a policy’s second calendar too (islands: alderney)', () => {
    expect(Object.keys(daysLeft('2026-11-24T12:00:00Z'))).toEqual([
      'alderney',
      'england-and-wales',
      'guernsey',
    ]);
  });

  test.each([
    // "bank holidays 2018 to 2030": the last day each knows is 2030-12-31
    ['2030-12-30T12:00:00Z', 1],
    ['2030-12-31T12:00:00Z', 0],
    ['2029-12-31T12:00:00Z', 365],
    // past its end the count goes below zero, as an alert wants it
    ['2031-01-02T12:00:00Z', -2],
  ])('at %s: %i days left', (now, days) => {
    expect(daysLeft(now)['england-and-wales']).toBe(days);
  });

  test('counted in the calendar’s local day: 23:30 UTC on 30 December 2030 is the 30th in London', () => {
    expect(daysLeft('2030-12-30T23:30:00Z')['england-and-wales']).toBe(1);
  });

  test('names the last day', () => {
    expect(daysLeftInCalendars(library, new Date('2030-01-01T12:00:00Z'))[1]).toEqual({
      calendar: 'england-and-wales',
      lastDay: '2030-12-31',
      daysLeft: 364,
    });
  });
});
