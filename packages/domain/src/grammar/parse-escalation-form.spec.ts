import fc from 'fast-check';
import {
  ParsedEscalationFormSchema,
  type EscalationForm,
  type EscalationFormOptions,
  type FormProblem,
} from './escalation-form.schema';
import { parseEscalationForm } from './parse-escalation-form';

const options: EscalationFormOptions = {
  categories: [
    { key: 'referral-thresholds', label: 'Referral thresholds' },
    { key: 'action-or-inaction', label: 'Action / inaction of another professional' },
    { key: 'information-sharing', label: 'Information sharing' },
    {
      key: 'case-conference-dissent',
      label: 'Dissent at / arising from a Child Protection Case Conference',
    },
    { key: 'other', label: 'Other' },
  ],
  stageCount: 4,
  startAboveStageOne: true,
};
const stageOneOnly: EscalationFormOptions = { ...options, startAboveStageOne: false };

const REQUIRED = [
  'Case: Baby A (PID 1234567)',
  "Agency: Children's Social Care",
  'Other agency: Humberside Police',
  'Disagreement: The police declined to hold a strategy discussion.',
];
const MINIMAL: EscalationForm = {
  caseName: 'Baby A (PID 1234567)',
  agency: "Children's Social Care",
  otherAgency: 'Humberside Police',
  disagreement: 'The police declined to hold a strategy discussion.',
  category: 'other',
  risk: 'standard',
  startStage: 1,
};

function body(...lines: string[]): string {
  return lines.join('\n');
}

function formOf(text: string, with_: EscalationFormOptions = options): EscalationForm {
  const result = parseEscalationForm(text, with_);
  if (!result.ok)
    throw new Error(
      `expected a form, got problems:\n${result.problems.map((p) => p.message).join('\n')}`,
    );
  return result.form;
}

function problemsOf(text: string, with_: EscalationFormOptions = options): FormProblem[] {
  const result = parseEscalationForm(text, with_);
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.form)}`);
  return result.problems;
}

describe('parseEscalationForm', () => {
  describe('a good form', () => {
    test('the required labels alone give the defaults for the rest', () => {
      expect(formOf(body(...REQUIRED))).toEqual(MINIMAL);
    });

    test('every label', () => {
      const text = body(
        ...REQUIRED,
        'Category: Information sharing',
        'Manager: Jo Bloggs <Jo.Bloggs@NELincs.gov.uk>',
        'Other practitioner: "Smith, DS Sam" <sam.smith@humberside.police.uk>',
        'Outcome sought: A strategy discussion within 24 hours.',
        'Attempts so far: Phoned the DS twice; emailed on Monday.',
        'Risk: immediate',
        'Start stage: 2',
      );
      expect(formOf(text)).toEqual({
        ...MINIMAL,
        category: 'information-sharing',
        manager: { name: 'Jo Bloggs', email: 'Jo.Bloggs@nelincs.gov.uk' },
        otherPractitioner: { name: 'Smith, DS Sam', email: 'sam.smith@humberside.police.uk' },
        outcomeSought: 'A strategy discussion within 24 hours.',
        attemptsSoFar: 'Phoned the DS twice; emailed on Monday.',
        risk: 'immediate',
        startStage: 2,
      });
    });

    test('labels in any order', () => {
      expect(formOf(body(...[...REQUIRED].reverse(), 'Risk: immediate'))).toEqual({
        ...MINIMAL,
        risk: 'immediate',
      });
    });
  });

  describe('label variants', () => {
    test.each<[string, Partial<EscalationForm>]>([
      ['CASE: Baby B', { caseName: 'Baby B' }],
      ['case: Baby B', { caseName: 'Baby B' }],
      ['Case name: Baby B', { caseName: 'Baby B' }],
      ['Case Name : Baby B', { caseName: 'Baby B' }],
      ['case_name: Baby B', { caseName: 'Baby B' }],
      ['*Case:* Baby B', { caseName: 'Baby B' }],
      ['**Case**: Baby B', { caseName: 'Baby B' }],
      ['- Case: Baby B', { caseName: 'Baby B' }],
      ['Case (NHS number): 485 777 3456', { caseName: '485 777 3456' }],
      ['AGENCY: Health', { agency: 'Health' }],
      ['Raising agency: Health', { agency: 'Health' }],
      ['Your agency: Health', { agency: 'Health' }],
      ['My agency: Health', { agency: 'Health' }],
      ['Other Agency : Probation', { otherAgency: 'Probation' }],
      ['other-agency: Probation', { otherAgency: 'Probation' }],
      ['Other_Agency: Probation', { otherAgency: 'Probation' }],
      ['Other   agency:Probation', { otherAgency: 'Probation' }],
      ['*Other agency:* Probation', { otherAgency: 'Probation' }],
      ['DISAGREEMENT: About thresholds', { disagreement: 'About thresholds' }],
      ['category: information-sharing', { category: 'information-sharing' }],
      ['Manager: jo@example.org', { manager: { email: 'jo@example.org' } }],
      ['Line manager: jo@example.org', { manager: { email: 'jo@example.org' } }],
      ['Line-Manager: jo@example.org', { manager: { email: 'jo@example.org' } }],
      ['My manager: jo@example.org', { manager: { email: 'jo@example.org' } }],
      // Outlook's name forms (issue 10, item 7)
      [
        'Manager: Reed, Dan <dan.reed@example.org>',
        { manager: { name: 'Reed, Dan', email: 'dan.reed@example.org' } },
      ],
      [
        'Manager: "Reed, Dan" <dan.reed@example.org>',
        { manager: { name: 'Reed, Dan', email: 'dan.reed@example.org' } },
      ],
      [
        'Other practitioner: Sam <sam@example.org>',
        { otherPractitioner: { name: 'Sam', email: 'sam@example.org' } },
      ],
      [
        'OTHER-PRACTITIONER: Sam <sam@example.org>',
        { otherPractitioner: { name: 'Sam', email: 'sam@example.org' } },
      ],
      ['Outcome sought: A meeting', { outcomeSought: 'A meeting' }],
      ['Desired outcome: A meeting', { outcomeSought: 'A meeting' }],
      ['Attempts so far: Two calls', { attemptsSoFar: 'Two calls' }],
      ['Attempts: Two calls', { attemptsSoFar: 'Two calls' }],
      ['Attempts to resolve: Two calls', { attemptsSoFar: 'Two calls' }],
      ['attempts-so-far: Two calls', { attemptsSoFar: 'Two calls' }],
      ['RISK: Immediate', { risk: 'immediate' }],
      ['Risk level: immediate', { risk: 'immediate' }],
      ['Start stage: 3', { startStage: 3 }],
      ['Start Stage: 3', { startStage: 3 }],
      ['start_stage: 3', { startStage: 3 }],
      ['Starting stage: 3', { startStage: 3 }],
      ['Start at stage: 3', { startStage: 3 }],
    ])('%j', (line, expected) => {
      const replaced = ['caseName', 'agency', 'otherAgency', 'disagreement'].map(
        (key) => key in expected,
      );
      const others = REQUIRED.filter((_, i) => !replaced[i]);
      expect(formOf(body(...others, line))).toEqual({ ...MINIMAL, ...expected });
    });
  });

  describe('values', () => {
    test('a value runs on over the following lines until the next label', () => {
      const text = body(
        'Case: Baby A',
        'Disagreement: The police declined a strategy discussion.',
        'The DS said: "not our threshold".',
        '',
        'Note: this is the second time this month.',
        '  - first time: 2 March',
        'Agency: CSC',
        'Other agency: Police',
      );
      expect(formOf(text).disagreement).toBe(
        [
          'The police declined a strategy discussion.',
          'The DS said: "not our threshold".',
          '',
          'Note: this is the second time this month.',
          '- first time: 2 March',
        ].join('\n'),
      );
    });

    test('a value may start on the line after its label', () => {
      const text = body(
        ...REQUIRED.slice(0, 3),
        'Disagreement:',
        '',
        '  The first line.',
        'The second line.',
        '',
      );
      expect(formOf(text).disagreement).toBe('The first line.\nThe second line.');
    });

    test('runs of blank lines inside a value become one', () => {
      const text = body(...REQUIRED.slice(0, 3), 'Disagreement: One.', '', '', '', 'Two.');
      expect(formOf(text).disagreement).toBe('One.\n\nTwo.');
    });

    test('a wrapped one-line value is joined back up', () => {
      const text = body('Case: Baby A, also known as', '   Baby Smith', ...REQUIRED.slice(1));
      expect(formOf(text).caseName).toBe('Baby A, also known as Baby Smith');
    });

    test('an unknown Word: inside a one-line value is just text', () => {
      const text = body('Case: Baby A', 'NHS: 485 777 3456', ...REQUIRED.slice(1));
      expect(formOf(text).caseName).toBe('Baby A NHS: 485 777 3456');
    });

    test('a one-line value ends at a blank line, so a sign-off after it is not part of it', () => {
      const text = body(
        ...REQUIRED,
        'Risk: immediate',
        'Start stage: 2',
        '',
        'Many thanks,',
        'Alex',
      );
      expect(formOf(text)).toMatchObject({ risk: 'immediate', startStage: 2 });
    });

    test('"Outcome:" inside a value is text, not Outcome sought', () => {
      const text = body(...REQUIRED, 'Attempts so far: Phoned the DS.', 'Outcome: no reply.');
      expect(formOf(text)).toEqual({
        ...MINIMAL,
        attemptsSoFar: 'Phoned the DS.\nOutcome: no reply.',
      });
    });

    test('text before the first label is not data', () => {
      const text = body('Hello,', 'Please open an escalation. Thanks: Alex', '', ...REQUIRED);
      expect(formOf(text)).toEqual(MINIMAL);
    });

    test('a label given twice with the same value is fine', () => {
      expect(formOf(body(...REQUIRED, "Agency: Children's  Social Care"))).toEqual(MINIMAL);
    });

    test('an empty optional label counts as not given', () => {
      const text = body(
        ...REQUIRED,
        'Manager:',
        'Category:  ',
        'Outcome sought:',
        'Risk:',
        'Start stage:',
      );
      expect(formOf(text)).toEqual(MINIMAL);
    });

    test('an empty repeat of a label given elsewhere is ignored', () => {
      expect(formOf(body('Agency:', ...REQUIRED))).toEqual(MINIMAL);
    });

    test('the blank form hint left in place counts as blank, typed beside, under or over', () => {
      const text = body(
        'Case: [required: the case name, PID or NHS number of the child or adult] Baby A (PID 1234567)',
        "Agency: [required: your agency, which is raising the disagreement]\nChildren's Social Care",
        'Other agency: Humberside Police',
        'Disagreement: [required: what is',
        'in dispute]',
        'The police declined to hold a strategy discussion.',
        'Manager: [optional: your line manager, as Name <name@example.org>]',
        'Risk: [OPTIONAL: standard, or immediate where there is a risk of immediate harm]',
      );
      expect(formOf(text)).toEqual(MINIMAL);
    });

    test.each([
      ['CRLF', (text: string) => text.replace(/\n/g, '\r\n')],
      ['CR', (text: string) => text.replace(/\n/g, '\r')],
      ['a leading BOM', (text: string) => `\uFEFF${text}`],
      ['leading and trailing blank lines', (text: string) => `\n\n  \n${text}\n\n\n`],
      ['trailing whitespace', (text: string) => text.replace(/\n/g, ' \t \n')],
      ['no-break spaces', (text: string) => text.replace(/ /g, '\u00A0')],
      ['indented lines', (text: string) => text.replace(/^/gm, '    ')],
      ['bold labels', (text: string) => text.replace(/^([^:]+):/gm, '*$1:*')],
    ])('tolerates %s', (_, transform) => {
      const text = body(...REQUIRED, 'Manager: Jo <jo@example.org>', 'Risk: immediate');
      expect(formOf(transform(text))).toEqual({
        ...MINIMAL,
        manager: { name: 'Jo', email: 'jo@example.org' },
        risk: 'immediate',
      });
    });
  });

  describe('category', () => {
    test.each([
      ['information-sharing', 'information-sharing'],
      ['Information sharing', 'information-sharing'],
      ['INFORMATION SHARING', 'information-sharing'],
      ['information_sharing', 'information-sharing'],
      ['Information-Sharing.', 'information-sharing'],
      ['  information   sharing ', 'information-sharing'],
      ['- Information sharing', 'information-sharing'],
      ['Action / inaction of another professional', 'action-or-inaction'],
      ['action/inaction of another professional', 'action-or-inaction'],
      ['ACTION-OR-INACTION', 'action-or-inaction'],
      ['Dissent at / arising from', 'case-conference-dissent'],
      ['Referral', 'referral-thresholds'],
      ['other', 'other'],
    ])('%j is %s', (typed, key) => {
      expect(formOf(body(...REQUIRED, `Category: ${typed}`)).category).toBe(key);
    });

    test('the start of a label is not enough when it could be two', () => {
      const two: EscalationFormOptions = {
        ...options,
        categories: [...options.categories, { key: 'referral-other', label: 'Referral (other)' }],
      };
      expect(problemsOf(body(...REQUIRED, 'Category: Referral'), two)).toHaveLength(1);
    });
  });

  describe('risk and start stage', () => {
    test.each([
      ['standard', 'standard'],
      ['Standard.', 'standard'],
      ['IMMEDIATE', 'immediate'],
      ['Immediate risk', 'immediate'],
      ['immediate risk', 'immediate'],
    ])('Risk: %s', (typed, risk) => {
      expect(formOf(body(...REQUIRED, `Risk: ${typed}`)).risk).toBe(risk);
    });

    test.each([
      ['1', 1],
      ['4', 4],
      ['Stage 2', 2],
      ['stage2', 2],
      ['2.', 2],
    ])('Start stage: %s', (typed, stage) => {
      expect(formOf(body(...REQUIRED, `Start stage: ${typed}`)).startStage).toBe(stage);
    });

    test('Start stage: 1 is fine where the policy does not allow starting above it', () => {
      expect(formOf(body(...REQUIRED, 'Start stage: 1'), stageOneOnly).startStage).toBe(1);
    });
  });

  describe('problems', () => {
    test.each<[string, string, FormProblem]>([
      [
        'a missing Case',
        body(...REQUIRED.filter((line) => !line.startsWith('Case'))),
        {
          field: 'caseName',
          message: 'Missing "Case:" — the case name, PID or NHS number of the child or adult',
        },
      ],
      [
        'a missing Agency',
        body(...REQUIRED.filter((line) => !line.startsWith('Agency'))),
        {
          field: 'agency',
          message: 'Missing "Agency:" — your agency, which is raising the disagreement',
        },
      ],
      [
        'a missing Other agency',
        body(...REQUIRED.filter((line) => !line.startsWith('Other'))),
        {
          field: 'otherAgency',
          message: 'Missing "Other agency:" — the agency whose decision you are challenging',
        },
      ],
      [
        'a missing Disagreement',
        body(...REQUIRED.filter((line) => !line.startsWith('Disagreement'))),
        { field: 'disagreement', message: 'Missing "Disagreement:" — what is in dispute' },
      ],
      [
        'a mistyped required label',
        body(...REQUIRED.filter((line) => !line.startsWith('Other')), 'Other agencies: Police'),
        {
          field: 'otherAgency',
          message:
            'Missing "Other agency:" — the agency whose decision you are challenging (is "Other agencies:" meant to be "Other agency:"?)',
        },
      ],
      [
        'an empty required value',
        body(...REQUIRED.filter((line) => !line.startsWith('Case')), 'Case:  '),
        {
          field: 'caseName',
          message:
            '"Case:" is empty — write the case name, PID or NHS number of the child or adult',
        },
      ],
      [
        'an unknown category',
        body(...REQUIRED, 'Category: Housing'),
        {
          field: 'category',
          message:
            'Category: "Housing" is not one of this policy\'s categories; write one of: Referral thresholds; ' +
            'Action / inaction of another professional (or action-or-inaction); Information sharing; ' +
            'Dissent at / arising from a Child Protection Case Conference (or case-conference-dissent); Other, the default',
        },
      ],
      [
        'a near-miss category',
        body(...REQUIRED, 'Category: Informaton sharing'),
        {
          field: 'category',
          message: expect.stringMatching(
            /^Category: "Informaton sharing" is not one of this policy's categories \(did you mean "Information sharing"\?\); write one of: Referral thresholds;/,
          ) as string,
        },
      ],
      [
        'a bad manager address',
        body(...REQUIRED, 'Manager: Jo Bloggs jo@example.org'),
        {
          field: 'manager',
          message: 'Manager: expected Name <name@example.org>, not "Jo Bloggs jo@example.org"',
        },
      ],
      [
        'a bad other practitioner address',
        body(...REQUIRED, 'Other practitioner: DS Smith'),
        {
          field: 'otherPractitioner',
          message: 'Other practitioner: expected Name <name@example.org>, not "DS Smith"',
        },
      ],
      [
        'a start stage that is not a number',
        body(...REQUIRED, 'Start stage: two'),
        {
          field: 'startStage',
          message: 'Start stage: expected a stage number from 1 to 4, not "two"',
        },
      ],
      [
        'a start stage above the last',
        body(...REQUIRED, 'Start stage: 5'),
        {
          field: 'startStage',
          message: "Start stage: this policy's stages are 1 to 4, so there is no stage 5",
        },
      ],
      [
        'a start stage of 0',
        body(...REQUIRED, 'Start stage: 0'),
        {
          field: 'startStage',
          message: "Start stage: this policy's stages are 1 to 4, so there is no stage 0",
        },
      ],
      [
        'a risk that is neither',
        body(...REQUIRED, 'Risk: high'),
        { field: 'risk', message: 'Risk: expected standard or immediate, not "high"' },
      ],
      [
        'a label given twice with different values',
        body(...REQUIRED, 'Agency: Health'),
        {
          field: 'agency',
          message:
            '"Agency:" is given more than once with different values ("Children\'s Social Care", "Health") — give it once',
        },
      ],
    ])('%s', (_, text, problem) => {
      expect(problemsOf(text)).toEqual([problem]);
    });

    test('a start stage above 1 where the policy does not allow it', () => {
      expect(problemsOf(body(...REQUIRED, 'Start stage: 2'), stageOneOnly)).toEqual([
        {
          field: 'startStage',
          message:
            'Start stage: this policy starts every escalation at stage 1 — leave out "Start stage:"',
        },
      ]);
    });

    test('a long value is shortened in a message', () => {
      const [problem] = problemsOf(body(...REQUIRED, `Risk: ${'very '.repeat(30)}high`));
      expect(problem?.message).toBe(
        `Risk: expected standard or immediate, not "${'very '.repeat(12).trimEnd()}…"`,
      );
    });

    test('a message with no form in it', () => {
      expect(
        problemsOf('Hi, the police will not hold a strategy discussion for Baby A. Can you help?'),
      ).toEqual([
        {
          field: null,
          message:
            'No form found in your message: write each detail on its own line as "Label: value", as in the form below',
        },
        {
          field: 'caseName',
          message: 'Missing "Case:" — the case name, PID or NHS number of the child or adult',
        },
        {
          field: 'agency',
          message: 'Missing "Agency:" — your agency, which is raising the disagreement',
        },
        {
          field: 'otherAgency',
          message: 'Missing "Other agency:" — the agency whose decision you are challenging',
        },
        { field: 'disagreement', message: 'Missing "Disagreement:" — what is in dispute' },
      ]);
    });

    test.each(['', '   \n\n', '\uFEFF'])('an empty body %j', (text) => {
      expect(problemsOf(text).map((problem) => problem.field)).toEqual([
        null,
        'caseName',
        'agency',
        'otherAgency',
        'disagreement',
      ]);
    });

    test('every problem at once, in the order of the form, with the valid fields kept', () => {
      const text = body(
        'Case: Baby A',
        'Agency: CSC',
        'Agency: Health',
        'Disagreement: Thresholds',
        'Category: Housing',
        'Manager: Jo',
        'Other practitioner: Sam <sam@example.org>',
        'Outcome sought: A meeting',
        'Risk: high',
        'Start stage: 9',
      );
      const result = parseEscalationForm(text, options);
      expect(result).toEqual({
        ok: false,
        problems: [
          expect.objectContaining({ field: 'agency' }),
          expect.objectContaining({ field: 'otherAgency' }),
          expect.objectContaining({ field: 'category' }),
          expect.objectContaining({ field: 'manager' }),
          expect.objectContaining({ field: 'risk' }),
          expect.objectContaining({ field: 'startStage' }),
        ],
        partial: {
          caseName: 'Baby A',
          disagreement: 'Thresholds',
          otherPractitioner: { name: 'Sam', email: 'sam@example.org' },
          outcomeSought: 'A meeting',
        },
      });
    });
  });

  describe('properties', () => {
    test('never throws, and what it returns matches its schema', () => {
      const line = fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.constantFrom(
          ...REQUIRED,
          'Risk: x',
          'Start stage: 9',
          'Category: ?',
          'Manager: @',
          '',
          '*Case:*',
        ),
      );
      fc.assert(
        fc.property(
          fc.array(line, { maxLength: 20 }),
          fc.constantFrom('\n', '\r\n'),
          (lines, eol) => {
            const result = parseEscalationForm(lines.join(eol), options);
            expect(ParsedEscalationFormSchema.safeParse(result).success).toBe(true);
          },
        ),
      );
    });

    test('the order of the labels does not matter', () => {
      const lines = [
        ...REQUIRED,
        'Category: Referral thresholds',
        'Manager: Jo <jo@example.org>',
        'Outcome sought: A strategy discussion\nwithin 24 hours.',
        'Risk: immediate',
        'Start stage: 2',
      ];
      const expected = formOf(body(...lines));
      fc.assert(
        fc.property(fc.shuffledSubarray(lines, { minLength: lines.length }), (shuffled) => {
          expect(formOf(body(...shuffled))).toEqual(expected);
        }),
      );
    });

    test('is quick on a long body', () => {
      const text = body(
        ...REQUIRED,
        `Attempts so far: ${'x '.repeat(50_000)}`,
        ' '.repeat(50_000) + 'a',
        ':'.repeat(10_000),
      );
      parseEscalationForm(text, options);
    });
  });
});
