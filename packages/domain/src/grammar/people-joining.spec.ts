import { parseReplyCommand } from './parse-reply-command';
import { ParsedReplyCommandSchema } from './reply-command.schema';

/** Issue 10: "Any participant ... may add people with `Next contact: Name <email>` lines on any command, and with a command `ADD`". */
describe('ADD', () => {
  test.each([
    [
      'one person',
      'ADD\nJo Lane <jo.lane@council.example.gov.uk>',
      { kind: 'add', people: [{ name: 'Jo Lane', email: 'jo.lane@council.example.gov.uk' }] },
    ],
    [
      'a person and their role',
      'ADD\nJo Lane <jo.lane@council.example.gov.uk>\nRole: Service Manager, Children’s Social Care',
      {
        kind: 'add',
        people: [
          {
            name: 'Jo Lane',
            email: 'jo.lane@council.example.gov.uk',
            roleTitle: 'Service Manager, Children’s Social Care',
          },
        ],
      },
    ],
    [
      'the first person on the command line, a bare address, Outlook’s name form and a note',
      [
        'Add: Jo Lane <jo.lane@council.example.gov.uk>',
        'role: Service Manager',
        'dsl@school.example.org',
        'Reed, Dan <Dan.Reed@School.example.org>',
        '',
        'Jo holds stage 2 now the breach rule has moved it on.',
      ].join('\n'),
      {
        kind: 'add',
        people: [
          {
            name: 'Jo Lane',
            email: 'jo.lane@council.example.gov.uk',
            roleTitle: 'Service Manager',
          },
          { email: 'dsl@school.example.org' },
          { name: 'Reed, Dan', email: 'Dan.Reed@school.example.org' },
        ],
        note: 'Jo holds stage 2 now the breach rule has moved it on.',
      },
    ],
    [
      'Next contact: lines, merged with the people, each once',
      'ADD Jo Lane <jo.lane@council.example.gov.uk>\nNext contact: Sam Cole <sam@council.example.gov.uk>\nNext contact: jo.lane@council.example.gov.uk',
      {
        kind: 'add',
        people: [
          { name: 'Jo Lane', email: 'jo.lane@council.example.gov.uk' },
          { name: 'Sam Cole', email: 'sam@council.example.gov.uk' },
        ],
      },
    ],
  ])('%s', (_, text, command) => {
    const parsed = parseReplyCommand(text);
    expect(parsed).toEqual({ ok: true, command });
    expect(ParsedReplyCommandSchema.safeParse(parsed).success).toBe(true);
  });

  test.each([
    [
      'nobody',
      'ADD\n\nplease add the new manager',
      'ADD needs the people to add on the lines after it: one person per line, Name <name@example.org>, each optionally followed by a line Role: their role',
    ],
    [
      'an address that is not one person',
      'ADD\nJo Lane jo.lane@council',
      'ADD takes one person per line, Name <name@example.org>, each optionally followed by a line Role: their role; not "Jo Lane jo.lane@council"',
    ],
    [
      'a role that is a paragraph',
      `ADD\nJo Lane <jo.lane@council.example.gov.uk>\nRole: ${'Manager '.repeat(30)}`,
      'ADD: a role is a title such as Team Manager, at most 200 characters',
    ],
    [
      'a role before anyone',
      'ADD\nRole: Service Manager\nJo Lane <jo.lane@council.example.gov.uk>',
      'ADD: "Role:" goes on the line after the person it describes',
    ],
  ])('refuses %s, saying what to write', (_, text, problem) => {
    expect(parseReplyCommand(text)).toEqual({ ok: false, problems: [problem] });
  });
});

describe('Next contact: lines on any command', () => {
  const jo = { name: 'Jo Lane', email: 'jo.lane@council.example.gov.uk' };
  test.each([
    [
      'NOTE',
      'NOTE Jo takes over\nNext contact: Jo Lane <jo.lane@council.example.gov.uk>',
      { kind: 'note', note: 'Jo takes over' },
    ],
    [
      'EXTEND',
      'EXTEND 3 awaiting the GP report\nNext contact: Jo Lane <jo.lane@council.example.gov.uk>',
      { kind: 'extend', workingDays: 3, reason: 'awaiting the GP report' },
    ],
    [
      'RESOLVED',
      'RESOLVED\nStrategy meeting agreed\nOutstanding: invite the GP\nNext contact: Jo Lane <jo.lane@council.example.gov.uk>',
      { kind: 'resolve', outcome: 'Strategy meeting agreed', outstanding: ['invite the GP'] },
    ],
    [
      'REASON',
      'REASON\nLeave\nNext contact: Jo Lane <jo.lane@council.example.gov.uk>',
      { kind: 'reason', rationale: 'Leave' },
    ],
    [
      'WITHDRAW',
      'WITHDRAW\nSorted\nNext contact: Jo Lane <jo.lane@council.example.gov.uk>',
      { kind: 'withdraw', reason: 'Sorted' },
    ],
    [
      'DECISION',
      'DECISION\nAssess\nNext contact: Jo Lane <jo.lane@council.example.gov.uk>',
      { kind: 'decision', decision: 'Assess' },
    ],
    ['AGREE', 'AGREE\nNext contact: Jo Lane <jo.lane@council.example.gov.uk>', { kind: 'agree' }],
    [
      'ESCALATE',
      'ESCALATE\nNo agreement\nNext contact: Jo Lane <jo.lane@council.example.gov.uk>\nnext contacts: jo.lane@council.example.gov.uk',
      { kind: 'escalate', reason: 'No agreement' },
    ],
  ])('%s takes them out of its text', (_, text, command) => {
    const parsed = parseReplyCommand(text);
    expect(parsed).toEqual({ ok: true, command: { ...command, nextContacts: [jo] } });
    expect(ParsedReplyCommandSchema.safeParse(parsed).success).toBe(true);
  });

  test('a command without them is as before', () => {
    expect(parseReplyCommand('NOTE hello')).toEqual({
      ok: true,
      command: { kind: 'note', note: 'hello' },
    });
  });

  test('a bad next contact on a NOTE is a problem beside any other', () => {
    expect(parseReplyCommand('NOTE\nNext contact: Jo Lane')).toEqual({
      ok: false,
      problems: [
        'Next contact: expected Name <name@example.org>, one per line, not "Jo Lane"',
        'NOTE needs the note on the lines after it',
      ],
    });
  });
});
