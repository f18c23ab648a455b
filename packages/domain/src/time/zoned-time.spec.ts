import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { dayNumberOf, isoDateOf, type IsoDate } from './local-date';
import {
  instantAt,
  isKnownZone,
  localMomentOf,
  secondOfTime,
  type LocalMoment,
} from './zoned-time';

const LONDON = 'Europe/London';
const GUERNSEY = 'Europe/Guernsey';

function moment(date: IsoDate, hh: number, mm: number, ss = 0, ms = 0): LocalMoment {
  return { day: dayNumberOf(date), second: hh * 3600 + mm * 60 + ss + ms / 1000 };
}

/** The ISO string of an instant, so that a failure shows a readable time, not a Date object. */
function at(date: IsoDate, time: string, zone = LONDON): string {
  return instantAt(dayNumberOf(date), time, zone).toISOString();
}

describe('localMomentOf', () => {
  // The UK changes clocks at 01:00 UTC on the last Sunday of March and of October: 2026-03-29
  // 01:00 GMT becomes 02:00 BST; 2026-10-25 02:00 BST becomes 01:00 GMT.
  it.each([
    [
      'a summer afternoon is an hour ahead of UTC',
      '2026-06-15T16:00:00Z',
      moment('2026-06-15', 17, 0),
    ],
    ['a winter afternoon is UTC', '2026-01-15T17:00:00Z', moment('2026-01-15', 17, 0)],
    [
      'milliseconds are a fraction of the second',
      '2026-06-15T16:00:00.250Z',
      moment('2026-06-15', 17, 0, 0, 250),
    ],
    [
      'the last second of GMT before the spring change',
      '2026-03-29T00:59:59Z',
      moment('2026-03-29', 0, 59, 59),
    ],
    [
      'the first second of BST skips 01:00–01:59 local',
      '2026-03-29T01:00:00Z',
      moment('2026-03-29', 2, 0),
    ],
    [
      'the last second of BST before the autumn change',
      '2026-10-25T00:59:59Z',
      moment('2026-10-25', 1, 59, 59),
    ],
    [
      'the first second of GMT repeats 01:00 local',
      '2026-10-25T01:00:00Z',
      moment('2026-10-25', 1, 0),
    ],
    [
      'the evening before the spring change is still GMT',
      '2026-03-28T23:30:00Z',
      moment('2026-03-28', 23, 30),
    ],
    [
      'the evening after the spring change is BST',
      '2026-03-29T23:30:00Z',
      moment('2026-03-30', 0, 30),
    ],
    [
      'the evening before the autumn change is BST',
      '2026-10-24T23:30:00Z',
      moment('2026-10-25', 0, 30),
    ],
    [
      'the evening after the autumn change is GMT',
      '2026-10-25T23:30:00Z',
      moment('2026-10-25', 23, 30),
    ],
    [
      'a summer 23:xxZ is the next local day',
      '2026-06-14T23:00:01Z',
      moment('2026-06-15', 0, 0, 1),
    ],
    ['a summer UTC midnight is 01:00 local', '2026-06-15T00:00:00Z', moment('2026-06-15', 1, 0)],
    ['local midnight on New Year is day start', '2026-01-01T00:00:00Z', moment('2026-01-01', 0, 0)],
  ] as Array<[string, string, LocalMoment]>)('%s (%s)', (_why, instant, expected) => {
    expect(localMomentOf(new Date(instant), LONDON)).toEqual(expected);
  });

  it('refuses an invalid Date with a RangeError', () => {
    expect(() => localMomentOf(new Date(Number.NaN), LONDON)).toThrow(RangeError);
  });

  // In a child process with a time limit: the offset table of an unknown zone was once built
  // from NaN offsets and its bisection loop never ended (the process died after ~50 s when the
  // array outgrew the heap); should that come back, in-process it would take the jest worker down.
  it.each(['localMomentOf', 'instantAt'])(
    '%s refuses an unknown zone with a RangeError instead of looping',
    (fn) => {
      expect(inChildProcess(fn, 'Mars/Olympus_Mons')).toBe('RangeError');
    },
  );

  // Without this the two tests above could fail for a broken harness rather than the code.
  it.each(['localMomentOf', 'instantAt'])(
    '%s answers in the child process for a known zone',
    (fn) => {
      expect(inChildProcess(fn, LONDON)).toBe('returned');
    },
  );
});

describe('instantAt', () => {
  it.each([
    ['17:00 on a summer day is 16:00Z', '2026-06-15', '17:00', '2026-06-15T16:00:00.000Z'],
    ['17:00 on a winter day is 17:00Z', '2026-01-15', '17:00', '2026-01-15T17:00:00.000Z'],
    [
      '17:00 the day before the spring change is GMT',
      '2026-03-28',
      '17:00',
      '2026-03-28T17:00:00.000Z',
    ],
    ['17:00 on the spring change day is BST', '2026-03-29', '17:00', '2026-03-29T16:00:00.000Z'],
    [
      '17:00 the day after the spring change is BST',
      '2026-03-30',
      '17:00',
      '2026-03-30T16:00:00.000Z',
    ],
    [
      '17:00 the day before the autumn change is BST',
      '2026-10-24',
      '17:00',
      '2026-10-24T16:00:00.000Z',
    ],
    ['17:00 on the autumn change day is GMT', '2026-10-25', '17:00', '2026-10-25T17:00:00.000Z'],
    [
      '17:00 the day after the autumn change is GMT',
      '2026-10-26',
      '17:00',
      '2026-10-26T17:00:00.000Z',
    ],
    [
      'midnight starting the spring change day is GMT',
      '2026-03-29',
      '00:00',
      '2026-03-29T00:00:00.000Z',
    ],
    [
      '02:00 just after the spring change is BST',
      '2026-03-29',
      '02:00',
      '2026-03-29T01:00:00.000Z',
    ],
    [
      'midnight starting the autumn change day is BST',
      '2026-10-25',
      '00:00',
      '2026-10-24T23:00:00.000Z',
    ],
    [
      '02:00 just after the autumn change is GMT',
      '2026-10-25',
      '02:00',
      '2026-10-25T02:00:00.000Z',
    ],
    ['the 2025 spring change (30 March) too', '2025-03-30', '17:00', '2025-03-30T16:00:00.000Z'],
    ['the 2025 autumn change (26 October) too', '2025-10-26', '17:00', '2025-10-26T17:00:00.000Z'],
  ])('%s', (_why, date, time, expected) => {
    expect(at(date, time)).toBe(expected);
  });

  // Neither case arises for a close of business (no UK clock change is near 17:00), so these
  // pin what luxon does rather than a rule of ours: the code's "no such local time" error is
  // never raised for a wall-clock time in the spring gap.
  it('reads a time inside the spring gap (01:30 on 2026-03-29) as the BST time an hour later', () => {
    expect(at('2026-03-29', '01:30')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('reads a repeated autumn time (01:30 on 2026-10-25) as its second, GMT, occurrence', () => {
    expect(at('2026-10-25', '01:30')).toBe('2026-10-25T01:30:00.000Z');
  });

  it('is the inverse of localMomentOf for every time outside the spring gap, 2018 to 2030', () => {
    const first = dayNumberOf('2018-01-01');
    const last = dayNumberOf('2030-12-31');
    fc.assert(
      fc.property(
        fc.integer({ min: first, max: last }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (day, hours, minutes) => {
          const time = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
          const back = localMomentOf(instantAt(day, time, LONDON), LONDON);
          const inGap = hours === 1 && isLastSundayOf(day, 3);
          return inGap
            ? back.second === secondOfTime(time) + 3600
            : back.day === day && back.second === secondOfTime(time);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('Europe/Guernsey keeps the same clock as Europe/London', () => {
  it.each([
    '2026-03-29T00:59:59Z',
    '2026-03-29T01:00:00Z',
    '2026-10-25T00:59:59Z',
    '2026-10-25T01:00:00Z',
  ])('at the clock change %s', (instant) => {
    expect(localMomentOf(new Date(instant), GUERNSEY)).toEqual(
      localMomentOf(new Date(instant), LONDON),
    );
  });

  it('17:00 local on a summer day is 16:00Z in Guernsey too', () => {
    expect(at('2026-06-15', '17:00', GUERNSEY)).toBe('2026-06-15T16:00:00.000Z');
  });

  it('for any instant and any close of business from 2018 to 2030', () => {
    const from = Date.UTC(2018, 0, 1);
    const to = Date.UTC(2031, 0, 1);
    fc.assert(
      fc.property(
        fc.integer({ min: from, max: to }),
        fc.integer({ min: 0, max: 23 * 60 + 59 }),
        (ms, minuteOfDay) => {
          const instant = new Date(ms);
          const here = localMomentOf(instant, GUERNSEY);
          const there = localMomentOf(instant, LONDON);
          const time = `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
          return (
            here.day === there.day &&
            here.second === there.second &&
            instantAt(here.day, time, GUERNSEY).getTime() ===
              instantAt(here.day, time, LONDON).getTime()
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('secondOfTime and isKnownZone', () => {
  it.each([
    ['00:00', 0],
    ['09:30', 34_200],
    ['17:00', 61_200],
    ['23:59', 86_340],
  ])('%s is %i seconds after midnight', (time, seconds) => {
    expect(secondOfTime(time)).toBe(seconds);
  });

  it.each([
    [LONDON, true],
    [GUERNSEY, true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
  ])('%j known: %s', (zone, known) => {
    expect(isKnownZone(zone)).toBe(known);
  });
});

/** True for the last Sunday of `month` (1-12), the UK's clock-change days. */
function isLastSundayOf(day: number, month: number): boolean {
  const date = new Date(day * 86_400_000);
  const weekLater = isoDateOf(day + 7);
  return (
    date.getUTCDay() === 0 &&
    date.getUTCMonth() === month - 1 &&
    Number(weekLater.slice(5, 7)) !== month
  );
}

/**
 * Calls `localMomentOf` or `instantAt` with `zone` in a fresh node process (the TypeScript
 * compiled on the fly by the same swc jest uses) and gives back the name of what it threw,
 * `returned`, or how the process ended when it did not answer within 20 s (a loaded CI machine
 * can take seconds to start a Node process; the loop it guards against never ends).
 */
function inChildProcess(fn: string, zone: string): string {
  const script = `
    const [swc, file, fn, zone] = process.argv.slice(1);
    const { transformSync } = require(swc);
    const { readFileSync } = require('node:fs');
    require.extensions['.ts'] = (module, filename) => {
      const options = { filename, module: { type: 'commonjs' }, jsc: { target: 'es2022', parser: { syntax: 'typescript' } } };
      module._compile(transformSync(readFileSync(filename, 'utf8'), options).code, filename);
    };
    const zoned = require(file);
    try {
      if (fn === 'localMomentOf') zoned.localMomentOf(new Date('2026-06-15T16:00:00Z'), zone);
      else zoned.instantAt(20619, '17:00', zone);
      process.stdout.write('returned');
    } catch (error) {
      process.stdout.write(error.name);
    }
  `;
  const child = spawnSync(
    process.execPath,
    ['-e', script, require.resolve('@swc/core'), require.resolve('./zoned-time.ts'), fn, zone],
    {
      encoding: 'utf8',
      timeout: 20_000,
    },
  );
  if (child.error || child.signal)
    return `no answer within 20 s (${child.signal ?? String(child.error)})`;
  return child.stdout || `exit ${String(child.status)}: ${child.stderr.slice(0, 300)}`;
}
