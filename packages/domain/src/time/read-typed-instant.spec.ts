import fc from 'fast-check';
import { DateTime } from 'luxon';
import { readTypedInstant, TypedTimeError } from './read-typed-instant';

const LONDON = 'Europe/London';
const GUERNSEY = 'Europe/Guernsey';

describe('readTypedInstant: times people type', () => {
  test.each([
    ['2026-12-23T10:00:00Z', LONDON, '2026-12-23T10:00:00.000Z'],
    ['2026-06-01T10:00', LONDON, '2026-06-01T09:00:00.000Z'],
    ['2026-06-01 10:00', LONDON, '2026-06-01T09:00:00.000Z'],
    ['2026-12-23', LONDON, '2026-12-23T09:00:00.000Z'],
    ['2026-06-01', GUERNSEY, '2026-06-01T08:00:00.000Z'],
    // an instant with an offset is taken as given, even in the repeated hour or the gap
    ['2026-10-25T01:30+01:00', LONDON, '2026-10-25T00:30:00.000Z'],
    ['2026-10-25T01:30+00:00', LONDON, '2026-10-25T01:30:00.000Z'],
    ['2026-03-29T01:30Z', LONDON, '2026-03-29T01:30:00.000Z'],
    ['2026-03-29T01:30:00+0100', LONDON, '2026-03-29T00:30:00.000Z'],
    // just either side of the changes
    ['2026-03-29T00:59', LONDON, '2026-03-29T00:59:00.000Z'],
    ['2026-03-29T02:00', LONDON, '2026-03-29T01:00:00.000Z'],
    ['2026-10-25T00:59', LONDON, '2026-10-24T23:59:00.000Z'],
    ['2026-10-25T02:00', LONDON, '2026-10-25T02:00:00.000Z'],
  ])('%s in %s is %s', (text, zone, expected) => {
    expect(readTypedInstant(text, zone).toISOString()).toBe(expected);
  });

  test('the repeated autumn hour is refused, naming both readings', () => {
    expect(() => readTypedInstant('2026-10-25T01:30', LONDON)).toThrow(
      new TypedTimeError(
        '2026-10-25T01:30 happens twice in Europe/London (the clocks go back that night): it could be ' +
          '2026-10-25T01:30+01:00 or 2026-10-25T01:30+00:00. Write the one you mean, with its offset.',
      ),
    );
  });

  test('the spring gap is refused, naming the gap', () => {
    expect(() => readTypedInstant('2026-03-29T01:30', GUERNSEY)).toThrow(
      new TypedTimeError(
        '2026-03-29T01:30 does not exist in Europe/Guernsey: the clocks go forward from 01:00 to ' +
          '02:00 that day. Write the time with its offset, or a time outside the gap.',
      ),
    );
  });

  test.each(['yesterday', '2026-13-01', '2026-02-30T10:00', '2026-06-01T24:00', '2026-06-01Z', ''])(
    '%p is refused as not a date and time',
    (text) => {
      expect(() => readTypedInstant(text, LONDON)).toThrow(TypedTimeError);
    },
  );

  test('property: every local wall time reads back to itself, or is refused as the gap or as twice', () => {
    const start = Date.UTC(2018, 0, 1);
    const end = Date.UTC(2031, 0, 1);
    fc.assert(
      fc.property(
        fc.integer({ min: start / 60_000, max: end / 60_000 }),
        fc.constantFrom(LONDON, GUERNSEY),
        (minute, zone) => {
          const instant = minute * 60_000;
          const local = DateTime.fromMillis(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
          const readings = [-1, 0, 1]
            .map((h) => instant + h * 3_600_000)
            .filter(
              (other) =>
                DateTime.fromMillis(other, { zone }).toFormat("yyyy-MM-dd'T'HH:mm") === local,
            );
          if (readings.length === 1) {
            expect(readTypedInstant(local, zone).getTime()).toBe(instant);
          } else {
            expect(() => readTypedInstant(local, zone)).toThrow('happens twice');
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('property: a wall time the clocks skip is refused, one they show is read as luxon reads it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2018, max: 2030 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (year, month, day, hour, minute) => {
          const text = DateTime.utc(year, month, day, hour, minute).toFormat("yyyy-MM-dd'T'HH:mm");
          const luxon = DateTime.fromISO(text, { zone: LONDON });
          const exists = luxon.toFormat("yyyy-MM-dd'T'HH:mm") === text;
          const twice = exists && luxon.minus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm") === text;
          const twiceLater =
            exists && luxon.plus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm") === text;
          if (!exists) expect(() => readTypedInstant(text, LONDON)).toThrow('does not exist');
          else if (twice || twiceLater)
            expect(() => readTypedInstant(text, LONDON)).toThrow('happens twice');
          else expect(readTypedInstant(text, LONDON).getTime()).toBe(luxon.toMillis());
        },
      ),
      { numRuns: 1000 },
    );
  });
});
