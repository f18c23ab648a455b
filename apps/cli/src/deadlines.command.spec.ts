import { join } from 'node:path';
import { readPolicyLibrary } from '@escalations/domain/files';
import { deadlinesCommand, UsageError } from './deadlines.command';
import { showPoliciesCommand } from './show-policies.command';

const library = readPolicyLibrary(join(__dirname, '../../../policies'));

describe('npm run deadlines', () => {
  it('prints the NEL timeline as JSON, the raise day being working day 1', () => {
    const output = JSON.parse(
      deadlinesCommand(['--policy', 'nel', '--raised', '2026-12-23T10:00:00Z', '--json'], library),
    ) as {
      stage: number;
      dueDate: string;
      dueAt: string;
    }[];
    // "by working day" 2, 8, 11, 15, 22 over Christmas, the Boxing Day substitute and New Year.
    expect(output.map((s) => [s.stage, s.dueDate, s.dueAt])).toEqual([
      [1, '2026-12-24', '2026-12-24T17:00:00.000Z'],
      [2, '2027-01-06', '2027-01-06T17:00:00.000Z'],
      [3, '2027-01-11', '2027-01-11T17:00:00.000Z'],
      [4, '2027-01-15', '2027-01-15T17:00:00.000Z'],
      [5, '2027-01-26', '2027-01-26T17:00:00.000Z'],
    ]);
  });

  it('prints a table a person can read', () => {
    const output = deadlinesCommand(
      ['--policy', 'islands', '--raised', '2026-05-07T10:00'],
      library,
    );
    expect(output).toContain('stage  title');
    // Local time in the Guernsey calendar; Liberation Day (Sat 9 May 2026) has no substitute.
    expect(output).toMatch(/1 +Professional to professional discussion .* 2026-05-08 +1/);
    expect(output).toMatch(/4 .* 2026-05-21 +5/);
  });

  it('starts at a later stage where the policy allows it', () => {
    const output = JSON.parse(
      deadlinesCommand(
        ['--policy', 'south-glos', '--raised', '2026-11-24', '--start-stage', '3', '--json'],
        library,
      ),
    ) as {
      stage: number;
    }[];
    expect(output.map((s) => s.stage)).toEqual([3, 4]);
  });

  it('shows no due dates for a policy without timescales', () => {
    const output = JSON.parse(
      deadlinesCommand(['--policy', 'chew-stoke', '--raised', '2026-11-24', '--json'], library),
    ) as { dueDate: null }[];
    expect(output.every((s) => s.dueDate === null)).toBe(true);
  });

  it.each([
    [['--raised', '2026-11-24'], '--policy is required'],
    [
      ['--policy', 'leeds', '--raised', '2026-11-24'],
      `unknown policy "leeds"; the policies are: ${[...library.policies.keys()].join(', ')}`,
    ],
    [['--policy', 'nel'], '--raised is required'],
    [['--policy', 'nel', '--raised', 'yesterday'], '--raised: "yesterday" is not a date and time'],
    [
      ['--policy', 'nel', '--raised', '2026-02-30'],
      '--raised: "2026-02-30" is not a date and time',
    ],
    [
      ['--policy', 'nel', '--raised', '2026-10-25T01:30'],
      '--raised: 2026-10-25T01:30 happens twice in Europe/London (the clocks go back that night): it could be 2026-10-25T01:30+01:00 or 2026-10-25T01:30+00:00',
    ],
    [
      ['--policy', 'islands', '--raised', '2027-03-28T01:15'],
      '--raised: 2027-03-28T01:15 does not exist in Europe/Guernsey: the clocks go forward from 01:00 to 02:00 that day',
    ],
    [
      ['--policy', 'nel', '--raised', '2026-11-24', '--start-stage', '2'],
      'nel starts every disagreement at stage 1',
    ],
    [
      ['--policy', 'south-glos', '--raised', '2026-11-24', '--start-stage', '7'],
      'south-glos has stages 1 to 4',
    ],
  ])('explains what is wrong with %j', (argv, message) => {
    expect(() => deadlinesCommand(argv, library)).toThrow(UsageError);
    expect(() => deadlinesCommand(argv, library)).toThrow(message);
  });

  it('takes an instant with an offset as given, in the repeated hour too', () => {
    const json = (raised: string) =>
      JSON.parse(deadlinesCommand(['--policy', 'nel', '--raised', raised, '--json'], library)) as {
        startsAt: string;
      }[];
    expect(json('2026-10-25T01:30+01:00')[0]!.startsAt).toBe('2026-10-25T00:30:00.000Z');
    expect(json('2026-10-25T01:30+00:00')[0]!.startsAt).toBe('2026-10-25T01:30:00.000Z');
  });

  it('names a date before the calendar and the file to update', () => {
    expect(() => deadlinesCommand(['--policy', 'nel', '--raised', '2017-06-01'], library)).toThrow(
      /policies\/calendars\/england-and-wales\.yaml/,
    );
  });

  it('shows the stages inside the calendar with dates and those beyond with the year to add', () => {
    const table = deadlinesCommand(['--policy', 'nel', '--raised', '2030-12-20'], library);
    expect(table).toContain('2030-12-23');
    expect(table.match(/beyond the england-and-wales calendar: add 2031's holidays/g)).toHaveLength(
      4,
    );
    const json = JSON.parse(
      deadlinesCommand(['--policy', 'nel', '--raised', '2030-12-20', '--json'], library),
    ) as { dueDate: string | null; beyondCalendar?: string }[];
    expect(json.map((s) => s.beyondCalendar ?? s.dueDate)).toEqual([
      '2030-12-23',
      ...Array(4).fill("beyond the england-and-wales calendar: add 2031's holidays"),
    ]);
  });
});

describe('npm run policies', () => {
  it('lists every policy with its stages and timescales', () => {
    const output = showPoliciesCommand(library);
    // every policy present in policies/, however many
    expect(output).toMatch(new RegExp(`^${library.policies.size} policies in force`));
    for (const id of library.policies.keys()) expect(output).toContain(`${id}: `);
    expect(output).toContain('overall limit 22 working days');
  });
});
