import fc from 'fast-check';
import { DateTime } from 'luxon';
import { dayNumberOf, isoDateOf } from './local-date';
import { instantAt, localMomentOf } from './zoned-time';
import { zoneOffsetAt } from './zone-offsets';

// The offset table replaces a trip through Intl on every conversion; luxon, reading the
// same time-zone data the slow way, is the oracle.
const ZONES = [
  'Europe/London',
  'Europe/Guernsey',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
];
const FROM = Date.UTC(2017, 0, 1);
const TO = Date.UTC(2032, 0, 1);

describe('zone offsets', () => {
  it.each([
    ['Europe/London', '2026-03-29T00:59:59Z', 0],
    ['Europe/London', '2026-03-29T01:00:00Z', 60],
    ['Europe/London', '2026-10-25T00:59:59Z', 60],
    ['Europe/London', '2026-10-25T01:00:00Z', 0],
    ['Europe/Guernsey', '2026-07-01T12:00:00Z', 60],
    ['Australia/Lord_Howe', '2026-07-01T12:00:00Z', 630],
  ])('%s at %s is UTC%+d minutes', (zone, instant, offset) => {
    expect(zoneOffsetAt(zone, Date.parse(instant))).toBe(offset);
  });

  it('agrees with luxon at any instant', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: FROM, max: TO }), (zone, ms) => {
        expect(zoneOffsetAt(zone, ms)).toBe(DateTime.fromMillis(ms, { zone }).offset);
        const local = DateTime.fromMillis(ms, { zone });
        const moment = localMomentOf(new Date(ms), zone);
        expect(isoDateOf(moment.day)).toBe(local.toISODate());
        expect(moment.second).toBeCloseTo(
          local.hour * 3600 + local.minute * 60 + local.second + local.millisecond / 1000,
          6,
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('places every quarter hour of the clock-change days as luxon does', () => {
    for (const date of [
      '2026-03-29',
      '2026-10-25',
      '2027-03-28',
      '2027-10-31',
      '2030-03-31',
      '2030-10-27',
    ]) {
      for (const zone of ['Europe/London', 'Europe/Guernsey']) {
        for (let minute = 0; minute < 24 * 60; minute += 15) {
          const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
          expect([date, time, instantAt(dayNumberOf(date), time, zone).toISOString()]).toEqual([
            date,
            time,
            DateTime.fromISO(`${date}T${time}`, { zone }).toUTC().toISO(),
          ]);
        }
      }
    }
  });
});
