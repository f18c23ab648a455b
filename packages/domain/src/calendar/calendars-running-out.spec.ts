import { calendarsRunningOut } from './calendars-running-out';
import { realLibrary } from '../../test/support/policy-library';

describe('calendarsRunningOut: from 12 months before a calendar in use ends', () => {
  const library = realLibrary();
  const ids = (now: string) => calendarsRunningOut(library, new Date(now)).map((c) => c.calendar);

  test('nothing to say more than a year ahead', () => {
    expect(ids('2029-12-30T12:00:00Z')).toEqual([]);
  });

  test('names each calendar in use and its last day, from 12 months before it', () => {
    expect(calendarsRunningOut(library, new Date('2029-12-31T12:00:00Z'))).toEqual([
      // islands' second calendar is in use too (issue 12, item 5)
      expect.objectContaining({ calendar: 'alderney', lastDay: '2030-12-31' }),
      {
        calendar: 'england-and-wales',
        lastDay: '2030-12-31',
        message:
          "the england-and-wales calendar ends on 2030-12-31: add 2031's holidays (npm run -s calendars -- import england-and-wales <file>) before dates fall past its end",
      },
      expect.objectContaining({ calendar: 'guernsey', lastDay: '2030-12-31' }),
    ]);
  });

  test('the day is the calendar’s local day: 2029-12-30 23:30 UTC is still the 30th in London', () => {
    expect(ids('2029-12-30T23:30:00Z')).toEqual([]);
  });

  test('and after the end, still', () => {
    expect(ids('2031-02-01T12:00:00Z')).toEqual(['alderney', 'england-and-wales', 'guernsey']);
  });
});
