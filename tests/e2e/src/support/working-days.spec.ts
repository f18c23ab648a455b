import { longDate, WorkingDays } from './working-days';

/** The suite's own working-day helper, checked on dates worked out by hand. */
describe('the suite’s working-day helper', () => {
  const england = WorkingDays.load('england-and-wales');
  const guernsey = WorkingDays.load('guernsey');

  it('skips weekends and the listed bank holidays', () => {
    // Thu 24 Dec 2026 + 1: Fri 25 (Christmas Day), Sat, Sun, Mon 28 (Boxing Day substitute).
    expect(england.add('2026-12-24', 1)).toBe('2026-12-29');
    // Fri 27 Nov 2026 + 1: Monday.
    expect(england.add('2026-11-27', 1)).toBe('2026-11-30');
    expect(england.add('2026-11-24', 0)).toBe('2026-11-24');
    // Guernsey: Liberation Day, Tue 9 May 2028, is not a working day there.
    expect(guernsey.isWorkingDay('2028-05-09')).toBe(false);
    expect(england.isWorkingDay('2028-05-09')).toBe(true);
    // Wed 23 Dec 2026 → Tue 29 Dec: Thu 24 and Tue 29.
    expect(england.between('2026-12-23', '2026-12-29')).toBe(2);
  });

  it('starts a clock on the next working day after close of business or on a weekend', () => {
    expect(england.startDay(new Date('2026-11-24T17:00:00.000Z'))).toBe('2026-11-24');
    expect(england.startDay(new Date('2026-11-24T17:00:00.001Z'))).toBe('2026-11-25');
    expect(england.startDay(new Date('2026-11-28T10:00:00Z'))).toBe('2026-11-30');
    // British Summer Time: 16:30Z is 17:30 local, after close of business.
    expect(england.startDay(new Date('2026-07-01T16:30:00Z'))).toBe('2026-07-02');
  });

  it('converts local times in the calendar’s zone, summer and winter', () => {
    expect(england.at('2026-07-01', '17:00').toISOString()).toBe('2026-07-01T16:00:00.000Z');
    expect(england.dueAt('2026-11-25')).toBe('2026-11-25T17:00:00.000Z');
    // The clocks go back at 02:00 BST on Sun 25 Oct 2026; 09:00 that day is GMT.
    expect(england.at('2026-10-25', '09:00').toISOString()).toBe('2026-10-25T09:00:00.000Z');
    expect(england.at('2026-03-29', '09:00').toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(guernsey.at('2026-06-15', '09:30').toISOString()).toBe('2026-06-15T08:30:00.000Z');
  });

  it('writes dates as the emails do', () => {
    expect(longDate('2026-11-25')).toBe('Wednesday 25 November 2026');
    expect(longDate('2027-01-04')).toBe('Monday 4 January 2027');
  });
});
