import fc from 'fast-check';
import { parseReplyCommand } from './parse-reply-command';
import {
  ParsedReplyCommandSchema,
  REPLY_COMMANDS,
  type ReplyCommand,
} from './reply-command.schema';

const COMMAND_LIST =
  'RESOLVED, AGREE, ESCALATE, EXTEND <n>, EXTEND TO <yyyy-mm-dd>, REASON, NOTE, ADD, WITHDRAW, DECISION, RECOMMEND, FORM, FORM <form-id>, LEARNING';

function commandOf(text: string): ReplyCommand {
  const result = parseReplyCommand(text);
  if (!result.ok)
    throw new Error(`expected a command, got problems:\n${result.problems.join('\n')}`);
  return result.command;
}

function problemsOf(text: string): string[] {
  const result = parseReplyCommand(text);
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.command)}`);
  return result.problems;
}

describe('parseReplyCommand', () => {
  // Issue 10, item 8: the first line that is a command among the first three non-blank
  // lines counts; a greeting above it is left out.
  // Issue 10, item 9: dates as people in the UK write them.
  describe('EXTEND TO a written date', () => {
    test.each([
      ['EXTEND TO 14 December 2026', '2026-12-14'],
      ['EXTEND TO 14/12/2026', '2026-12-14'],
      ['EXTEND TO 2026-12-14', '2026-12-14'],
      ['EXTEND TO 14.12.2026', '2026-12-14'],
      ['EXTEND TO 14/12/26', '2026-12-14'],
      ['EXTEND TO 2026-3-2', '2026-03-02'],
      ['Extend to Monday 14th December 2026', '2026-12-14'],
      ['EXTEND TO 14th of Dec 2026', '2026-12-14'],
      ['EXTEND TO December 14, 2026', '2026-12-14'],
      ['EXTEND UNTIL 1 Feb. 2027', '2027-02-01'],
      ['EXTEND 14 December 2026', '2026-12-14'],
      ['EXTEND 14/12/2026', '2026-12-14'],
      ['EXTEND TO 3/3/2027', '2027-03-03'],
    ])('%j', (line, until) => {
      expect(commandOf(`${line}\nAwaiting the GP report.`)).toEqual({
        kind: 'extend',
        until,
        reason: 'Awaiting the GP report.',
      });
    });

    test('the reason may follow the date on its line', () => {
      expect(commandOf('EXTEND TO 14 December 2026 - awaiting the GP report')).toEqual({
        kind: 'extend',
        until: '2026-12-14',
        reason: 'awaiting the GP report',
      });
      expect(commandOf('EXTEND TO 14/12/2026: awaiting the GP report')).toEqual({
        kind: 'extend',
        until: '2026-12-14',
        reason: 'awaiting the GP report',
      });
    });

    test('working days are still working days', () => {
      expect(commandOf('EXTEND 3 working days\nAwaiting.')).toEqual({
        kind: 'extend',
        workingDays: 3,
        reason: 'Awaiting.',
      });
      expect(commandOf('EXTEND 5 may be enough\nAwaiting.')).toMatchObject({ workingDays: 5 });
    });
  });

  describe('below a greeting', () => {
    test.each<[string, ReplyCommand]>([
      [
        'Hi all,\n\nESCALATE\nNo agreement at stage 1.',
        { kind: 'escalate', reason: 'No agreement at stage 1.', nextContacts: [] },
      ],
      [
        'Dear Sam,\nESCALATE: no agreement at stage 1.',
        { kind: 'escalate', reason: 'no agreement at stage 1.', nextContacts: [] },
      ],
      [
        'Hi Jo,\n\nMany thanks.\n\nResolved:\nAgreed a strategy meeting.',
        { kind: 'resolve', outcome: 'Agreed a strategy meeting.', outstanding: [] },
      ],
      [
        'Dear Jo\nExtend to 2026-03-02 awaiting the GP report',
        { kind: 'extend', until: '2026-03-02', reason: 'awaiting the GP report' },
      ],
      [
        'Hello,\nNOTE the school has been told.',
        { kind: 'note', note: 'the school has been told.' },
      ],
      [
        'LEARNING\nShare the strategy discussion notes with the school the same day.',
        {
          kind: 'learning',
          learning: 'Share the strategy discussion notes with the school the same day.',
        },
      ],
    ])('%j', (text, command) => {
      expect(commandOf(text)).toEqual(command);
    });

    test('a sentence starting with a command word below a greeting is not a command', () => {
      expect(problemsOf('Hi Jo,\nNote that we met.\nThanks')).toEqual([
        `Unknown command "Hi" — the first line must be one of ${COMMAND_LIST}`,
      ]);
    });
  });

  describe('commands', () => {
    test.each<[string, string, ReplyCommand]>([
      [
        'RESOLVED',
        'RESOLVED\nAgreed a strategy meeting on Monday.',
        { kind: 'resolve', outcome: 'Agreed a strategy meeting on Monday.', outstanding: [] },
      ],
      [
        'RESOLVED with outstanding items',
        'RESOLVED\nAgreed a strategy meeting.\nOutstanding: GP report by Friday\nThe police will attend.\n*Outstanding:* school to be invited',
        {
          kind: 'resolve',
          outcome: 'Agreed a strategy meeting.\nThe police will attend.',
          outstanding: ['GP report by Friday', 'school to be invited'],
        },
      ],
      [
        'RESOLVED with outstanding items as a list',
        'Resolved:\nAgreed.\n\n- Outstanding: GP report\n- Outstanding: school\nOutstanding:',
        { kind: 'resolve', outcome: 'Agreed.', outstanding: ['GP report', 'school'] },
      ],
      [
        'ESCALATE',
        'ESCALATE\nNo agreement at stage 1.',
        { kind: 'escalate', reason: 'No agreement at stage 1.', nextContacts: [] },
      ],
      [
        'ESCALATE with next contacts',
        'ESCALATE\nNo agreement.\nNext contact: Jo Bloggs <Jo@Example.ORG>\nNext contacts: "Smith, Sam" <sam@example.org>\nNext contact: jo@example.org',
        {
          kind: 'escalate',
          reason: 'No agreement.',
          nextContacts: [
            { name: 'Jo Bloggs', email: 'Jo@example.org' },
            { name: 'Smith, Sam', email: 'sam@example.org' },
          ],
        },
      ],
      [
        'EXTEND <n>',
        'EXTEND 3\nAwaiting the GP report.',
        { kind: 'extend', workingDays: 3, reason: 'Awaiting the GP report.' },
      ],
      [
        'EXTEND <n> days',
        'EXTEND 5 working days\nAwaiting.',
        { kind: 'extend', workingDays: 5, reason: 'Awaiting.' },
      ],
      [
        'EXTEND BY <n> days',
        'extend by 5 days: awaiting',
        { kind: 'extend', workingDays: 5, reason: 'awaiting' },
      ],
      [
        'EXTEND 60',
        'EXTEND 60\nLong wait.',
        { kind: 'extend', workingDays: 60, reason: 'Long wait.' },
      ],
      ['EXTEND 1', 'EXTEND: 1\nA day.', { kind: 'extend', workingDays: 1, reason: 'A day.' }],
      [
        'EXTEND TO <date>',
        'EXTEND TO 2026-03-02\nAwaiting the GP report.',
        { kind: 'extend', until: '2026-03-02', reason: 'Awaiting the GP report.' },
      ],
      [
        'EXTEND until <date>',
        'Extend until 2028-02-29: leap day',
        { kind: 'extend', until: '2028-02-29', reason: 'leap day' },
      ],
      [
        'EXTEND <date>',
        'EXTEND 2026-03-02\nAwaiting.',
        { kind: 'extend', until: '2026-03-02', reason: 'Awaiting.' },
      ],
      [
        'EXTEND TO: <date>.',
        'EXTEND TO: 2026-03-02.\nAwaiting.',
        { kind: 'extend', until: '2026-03-02', reason: 'Awaiting.' },
      ],
      [
        'REASON',
        'REASON\nThe manager was on leave.',
        { kind: 'reason', rationale: 'The manager was on leave.' },
      ],
      ['NOTE', 'NOTE\nSpoke to the DS today.', { kind: 'note', note: 'Spoke to the DS today.' }],
      ['WITHDRAW', 'WITHDRAW\nRaised in error.', { kind: 'withdraw', reason: 'Raised in error.' }],
      [
        'DECISION',
        'DECISION\nThe threshold is met.',
        { kind: 'decision', decision: 'The threshold is met.' },
      ],
    ])('%s', (_, text, command) => {
      expect(commandOf(text)).toEqual(command);
    });
  });

  describe('the command line', () => {
    test.each([
      ['upper case', 'RESOLVED\nAgreed.'],
      ['lower case', 'resolved\nAgreed.'],
      ['mixed case', 'Resolved\nAgreed.'],
      ['a colon', 'RESOLVED:\nAgreed.'],
      ['a spaced colon', 'Resolved :\nAgreed.'],
      ['a full stop', 'Resolved.\nAgreed.'],
      ['bold', '*RESOLVED*\nAgreed.'],
      ['bold with the colon', '*Resolved:*\nAgreed.'],
      ['double bold', '**RESOLVED**:\nAgreed.'],
      ['the text on the command line', 'RESOLVED: Agreed.'],
      ['the text after a dash', 'RESOLVED - Agreed.'],
      ['the text after a space', 'RESOLVED Agreed.'],
      ['blank lines first', '\n\n   \nRESOLVED\n\nAgreed.\n\n'],
      ['indented', '   RESOLVED\n   Agreed.'],
      ['CRLF', 'RESOLVED\r\nAgreed.\r\n'],
      ['a leading BOM', '\uFEFFRESOLVED\nAgreed.'],
      ['no-break spaces', 'RESOLVED:\u00A0Agreed.\u00A0'],
      ['trailing whitespace', 'RESOLVED   \nAgreed.  \t'],
    ])('%s', (_, text) => {
      expect(commandOf(text)).toEqual({ kind: 'resolve', outcome: 'Agreed.', outstanding: [] });
    });

    test('the text may start on the command line and run on', () => {
      expect(commandOf('RESOLVED: agreed a strategy meeting\non Monday.\n\nSee notes.')).toEqual({
        kind: 'resolve',
        outcome: 'agreed a strategy meeting\non Monday.\n\nSee notes.',
        outstanding: [],
      });
    });

    test('EXTEND <n> with the reason on its line', () => {
      expect(commandOf('EXTEND 3 awaiting the GP report')).toEqual({
        kind: 'extend',
        workingDays: 3,
        reason: 'awaiting the GP report',
      });
    });

    test('EXTEND TO with the reason on its line and after it', () => {
      expect(commandOf('extend to 2026-03-02 awaiting\nthe GP report')).toEqual({
        kind: 'extend',
        until: '2026-03-02',
        reason: 'awaiting\nthe GP report',
      });
    });

    test('a leading * that is part of the text is kept', () => {
      expect(commandOf('NOTE: *urgent* call back')).toEqual({
        kind: 'note',
        note: '*urgent* call back',
      });
    });
  });

  describe('problems', () => {
    test.each([
      ['RESOLVED', 'RESOLVED needs the agreed outcome on the lines after it'],
      ['LEARNING', 'LEARNING needs the learning on the lines after it'],
      [
        'RESOLVED\nOutstanding: GP report',
        'RESOLVED needs the agreed outcome on the lines after it',
      ],
      ['ESCALATE:', 'ESCALATE needs the reason for escalating on the lines after it'],
      [
        'ESCALATE\nNext contact: jo@example.org',
        'ESCALATE needs the reason for escalating on the lines after it',
      ],
      ['EXTEND 3', 'EXTEND needs the reason for the extension on the lines after it'],
      ['EXTEND TO 2026-03-02', 'EXTEND needs the reason for the extension on the lines after it'],
      ['REASON', 'REASON needs the rationale for the missed deadline on the lines after it'],
      ['NOTE\n\n', 'NOTE needs the note on the lines after it'],
      ['WITHDRAW', 'WITHDRAW needs the reason for withdrawing on the lines after it'],
      ['DECISION:   ', 'DECISION needs the decision on the lines after it'],
      [
        '',
        `The message is empty — its first line must be one of ${COMMAND_LIST}, with its text after it`,
      ],
      [
        '  \r\n \n',
        `The message is empty — its first line must be one of ${COMMAND_LIST}, with its text after it`,
      ],
      [
        'RESOLVE\nAgreed.',
        `Unknown command "RESOLVE" — the first line must be one of ${COMMAND_LIST}. Did you mean RESOLVED?`,
      ],
      [
        'Resolution: agreed',
        `Unknown command "Resolution" — the first line must be one of ${COMMAND_LIST}. Did you mean RESOLVED?`,
      ],
      [
        'ESCALATED',
        `Unknown command "ESCALATED" — the first line must be one of ${COMMAND_LIST}. Did you mean ESCALATE?`,
      ],
      [
        'Extension 3',
        `Unknown command "Extension" — the first line must be one of ${COMMAND_LIST}. Did you mean EXTEND?`,
      ],
      [
        'NOTES: x',
        `Unknown command "NOTES" — the first line must be one of ${COMMAND_LIST}. Did you mean NOTE?`,
      ],
      [
        'WITHDRAWN',
        `Unknown command "WITHDRAWN" — the first line must be one of ${COMMAND_LIST}. Did you mean WITHDRAW?`,
      ],
      ['Hi all,', `Unknown command "Hi" — the first line must be one of ${COMMAND_LIST}`],
      [
        'Hi all,\n\nThanks for the call.\nAs discussed:\nRESOLVED:\nAgreed.',
        `Unknown command "Hi" — the first line must be one of ${COMMAND_LIST}. Put RESOLVED first, above "Hi all,"`,
      ],
      [
        'Dear Jo\nThanks.\nAs agreed.\nEXTEND TO 2026-03-02',
        `Unknown command "Dear" — the first line must be one of ${COMMAND_LIST}. Put EXTEND first, above "Dear Jo"`,
      ],
      [
        'Hi Jo,\nNote that we met.',
        `Unknown command "Hi" — the first line must be one of ${COMMAND_LIST}`,
      ],
      ['3 days more please', `Unknown command "3" — the first line must be one of ${COMMAND_LIST}`],
      ['> RESOLVED', `Unknown command ">" — the first line must be one of ${COMMAND_LIST}`],
    ])('%j', (text, problem) => {
      expect(problemsOf(text)).toEqual([problem]);
    });

    test.each([
      [
        'EXTEND\nAwaiting.',
        'EXTEND needs how long on its line: EXTEND <n> (working days, 1 to 60) or EXTEND TO <yyyy-mm-dd>',
      ],
      [
        'EXTEND next week\nAwaiting.',
        'EXTEND needs how long on its line: EXTEND <n> (working days, 1 to 60) or EXTEND TO <yyyy-mm-dd>, not "next week"',
      ],
      [
        'EXTEND 0\nAwaiting.',
        'EXTEND takes a whole number of working days from 1 to 60, not 0; for a later date, write EXTEND TO <yyyy-mm-dd>',
      ],
      [
        'EXTEND 61\nAwaiting.',
        'EXTEND takes a whole number of working days from 1 to 60, not 61; for a later date, write EXTEND TO <yyyy-mm-dd>',
      ],
      [
        'EXTEND -3\nAwaiting.',
        'EXTEND takes a whole number of working days from 1 to 60, not -3; for a later date, write EXTEND TO <yyyy-mm-dd>',
      ],
      [
        'EXTEND 2.5\nAwaiting.',
        'EXTEND takes a whole number of working days from 1 to 60, not 2.5; for a later date, write EXTEND TO <yyyy-mm-dd>',
      ],
      [
        'EXTEND TO\nAwaiting.',
        'EXTEND TO needs the date on its line, such as 14 December 2026 or 2026-12-14',
      ],
      ['EXTEND TO 2026-02-30\nAwaiting.', 'EXTEND TO 2026-02-30: there is no such date'],
      ['EXTEND TO 2027-02-29\nAwaiting.', 'EXTEND TO 2027-02-29: there is no such date'],
      ['EXTEND TO 2026-13-01\nAwaiting.', 'EXTEND TO 2026-13-01: there is no such date'],
      [
        'EXTEND TO 2/3/2026\nAwaiting.',
        'EXTEND TO 2/3/2026 is ambiguous: 2 March 2026 or 3 February 2026? Write the month as a word (EXTEND TO 2 March 2026) or the date as yyyy-mm-dd (EXTEND TO 2026-03-02)',
      ],
      [
        'EXTEND TO 31/02/2026\nAwaiting.',
        'EXTEND TO 31/02/2026: there is no such date (dates are read day first, dd/mm/yyyy)',
      ],
      [
        'EXTEND TO 14 December\nAwaiting.',
        'EXTEND TO 14 December is ambiguous: which year? Write it in full, e.g. EXTEND TO 14 December 2026',
      ],
      [
        'EXTEND TO 12/14/2026\nAwaiting.',
        'EXTEND TO 12/14/2026: there is no such date (dates are read day first, dd/mm/yyyy)',
      ],
      ['EXTEND TO 31 June 2026\nAwaiting.', 'EXTEND TO 31 June 2026: there is no such date'],
      [
        'EXTEND TO Friday 14 December 2026\nAwaiting.',
        'EXTEND TO Friday 14 December 2026 is ambiguous: 14 December 2026 is a Monday. Write the date you mean',
      ],
      [
        'EXTEND TO Friday\nAwaiting.',
        'EXTEND TO needs a date such as 14 December 2026, 14/12/2026 or 2026-12-14, not "Friday"',
      ],
    ])('%j', (text, problem) => {
      expect(problemsOf(text)).toEqual([problem]);
    });

    test('a bad next contact, with the address to write', () => {
      expect(
        problemsOf(
          'ESCALATE\nNo agreement.\nNext contact: Jo Bloggs\nNext contact: a@example.org, b@example.org',
        ),
      ).toEqual([
        'Next contact: expected Name <name@example.org>, one per line, not "Jo Bloggs"',
        'Next contact: expected Name <name@example.org>, one per line, not "a@example.org, b@example.org"',
      ]);
    });

    test('every problem at once', () => {
      expect(problemsOf('EXTEND 99')).toEqual([
        'EXTEND takes a whole number of working days from 1 to 60, not 99; for a later date, write EXTEND TO <yyyy-mm-dd>',
        'EXTEND needs the reason for the extension on the lines after it',
      ]);
      expect(problemsOf('ESCALATE\nNext contact: nobody')).toEqual([
        'Next contact: expected Name <name@example.org>, one per line, not "nobody"',
        'ESCALATE needs the reason for escalating on the lines after it',
      ]);
    });

    test('a long first word is shortened in the message', () => {
      const [problem] = problemsOf('x'.repeat(100));
      expect(problem).toMatch(/^Unknown command "x{39}…" — /);
    });
  });

  describe('properties', () => {
    test('never throws on any text, and what it returns matches its schema', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
          expect(ParsedReplyCommandSchema.safeParse(parseReplyCommand(text)).success).toBe(true);
        }),
        { numRuns: 500 },
      );
    });

    test('never throws on text that starts with a command', () => {
      const start = fc.constantFrom(
        ...REPLY_COMMANDS.map((command) => command.word),
        'EXTEND TO',
        'extend 3',
        '*Resolved:*',
      );
      const tail = fc.string({
        unit: fc.constantFrom(...' \n\r\t:-*<>@0123456789TOto-/.abcXYZ\u00A0'),
        maxLength: 80,
      });
      fc.assert(
        fc.property(start, tail, (command, text) => {
          expect(
            ParsedReplyCommandSchema.safeParse(parseReplyCommand(command + text)).success,
          ).toBe(true);
        }),
        { numRuns: 500 },
      );
    });

    test('any command word in any case, with or without a colon, with any text after it', () => {
      // EXTEND wants a number or a date first, ADD people: neither takes any text
      const simple = REPLY_COMMANDS.filter(
        (command) => command.kind !== 'extend' && command.kind !== 'add',
      );
      const text = fc
        .string({ unit: fc.constantFrom(...'abc XYZ.,'), minLength: 1, maxLength: 40 })
        .filter((value) => /[a-zA-Z]/.test(value));
      fc.assert(
        fc.property(
          fc.constantFrom(...simple),
          fc.boolean(),
          fc.boolean(),
          text,
          (command, lower, colon, value) => {
            const word = lower ? command.word.toLowerCase() : command.word;
            const result = parseReplyCommand(`${word}${colon ? ':' : ''}\n${value}`);
            expect(result.ok).toBe(true);
            expect(result.ok && result.command.kind).toBe(command.kind);
          },
        ),
      );
    });

    test('EXTEND <n> for every n from 1 to 60', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 60 }), (days) => {
          expect(commandOf(`EXTEND ${days}\nreason`)).toEqual({
            kind: 'extend',
            workingDays: days,
            reason: 'reason',
          });
        }),
      );
    });

    test('is quick on a long body', () => {
      const text = `NOTE ${' '.repeat(50_000)}x\n${'Outstanding: '.repeat(10_000)}`;
      parseReplyCommand(text);
      parseReplyCommand(`EXTEND ${'1'.repeat(50_000)}`);
      parseReplyCommand(`ESCALATE\n${'Next contact: <'.repeat(10_000)}`);
    });
  });
});
