import fc from 'fast-check';
import {
  ESCALATION_FORM_FIELDS,
  RISK_LEVELS,
  type EscalationForm,
  type EscalationFormOptions,
} from './escalation-form.schema';
import { formPlaceholder } from './form-placeholder';
import { parseEscalationForm } from './parse-escalation-form';
import type { Person } from './person.schema';
import { renderBlankForm } from './render-blank-form';
import { splitLabelLine } from './split-label-line';

const options: EscalationFormOptions = {
  categories: [
    { key: 'referral-thresholds', label: 'Referral thresholds' },
    { key: 'information-sharing', label: 'Information sharing' },
    { key: 'other', label: 'Other' },
  ],
  stageCount: 4,
  startAboveStageOne: true,
};
const stageOneOnly: EscalationFormOptions = { ...options, startAboveStageOne: false };

describe('renderBlankForm', () => {
  test('each label on its own line with its hint, required ones marked, in the order of the form', () => {
    const labelLines = renderBlankForm(options)
      .split('\n')
      .filter((line) => splitLabelLine(line) !== null);
    expect(labelLines).toEqual([
      'Case: [required: the case name, PID or NHS number of the child or adult]',
      'Agency: [required: your agency, which is raising the disagreement]',
      'Other agency: [required: the agency whose decision you are challenging]',
      'Disagreement: [required: what is in dispute]',
      'Category: [optional: one of the categories listed above]',
      'Manager: [optional: your line manager, as Name <name@example.org>]',
      'Other practitioner: [optional: the practitioner in the other agency, as Name <name@example.org>]',
      'Outcome sought: [optional: what you want to happen]',
      'Attempts so far: [optional: what has been tried so far to resolve it]',
      'Risk: [optional: standard, or immediate where there is a risk of immediate harm]',
      'Start stage: [optional: the stage number to start at, where it should not be stage 1]',
    ]);
  });

  test('lists the categories, the default marked', () => {
    expect(renderBlankForm(options)).toContain(
      'The categories are\n- Referral thresholds\n- Information sharing\n- Other (the default)\n',
    );
  });

  test('says how many stages there are where a case may start above stage 1', () => {
    expect(renderBlankForm(options)).toContain('The stages are numbered 1 to 4');
  });

  test('leaves out Start stage where the policy does not allow starting above stage 1', () => {
    const text = renderBlankForm(stageOneOnly);
    expect(text).not.toMatch(/start stage/i);
    expect(text).not.toContain('stages are numbered');
  });

  test('is the same every time, ends with a newline and has no trailing spaces', () => {
    const text = renderBlankForm(options);
    expect(renderBlankForm(options)).toBe(text);
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toMatch(/[ \t]$/m);
  });

  test('sent back untouched, it asks for the required fields and nothing else', () => {
    const result = parseEscalationForm(renderBlankForm(options), options);
    expect(result).toEqual({
      ok: false,
      problems: ESCALATION_FORM_FIELDS.filter((field) => field.required).map((field) => ({
        field: field.key,
        message: `"${field.label}:" is empty — write ${field.description}`,
      })),
      partial: {},
    });
  });

  test.each([
    [
      'typed over the hints',
      (label: string, hint: string, value: string) => [`${label}: ${value}`, hint],
    ],
    [
      'typed after the hints',
      (label: string, hint: string, value: string) => [`${label}: ${hint} ${value}`, hint],
    ],
    [
      'typed under the hints',
      (label: string, hint: string, value: string) => [`${label}: ${hint}\n${value}`, hint],
    ],
  ])('filled in %s, it parses', (_, fill) => {
    let text = renderBlankForm(options);
    const values: Record<string, string> = {
      Case: 'Baby A',
      Agency: 'CSC',
      'Other agency': 'Police',
      Disagreement: 'No strategy discussion.\n\nTwice refused.',
      Manager: 'Jo <jo@example.org>',
      Risk: 'immediate',
      'Start stage': '2',
    };
    for (const field of ESCALATION_FORM_FIELDS) {
      const value = values[field.label];
      if (value === undefined) continue;
      const hint = formPlaceholder(field);
      const [filled] = fill(field.label, hint, value);
      text = text.replace(`${field.label}: ${hint}`, filled ?? '');
    }
    expect(parseEscalationForm(text, options)).toEqual({
      ok: true,
      form: {
        caseName: 'Baby A',
        agency: 'CSC',
        otherAgency: 'Police',
        disagreement: 'No strategy discussion.\n\nTwice refused.',
        category: 'other',
        manager: { name: 'Jo', email: 'jo@example.org' },
        risk: 'immediate',
        startStage: 2,
      },
    });
  });

  test('filled in with the values given', () => {
    const text = renderBlankForm(options, {
      caseName: 'Baby A',
      disagreement: 'One.\n\nTwo.',
      category: 'information-sharing',
      manager: { name: 'Smith, Jo', email: 'jo@example.org' },
      startStage: 3,
    });
    expect(text).toContain('\nCase: Baby A\n');
    expect(text).toContain(
      '\nAgency: [required: your agency, which is raising the disagreement]\n',
    );
    expect(text).toContain('\nDisagreement: One.\n\nTwo.\nCategory: Information sharing\n');
    expect(text).toContain('\nManager: "Smith, Jo" <jo@example.org>\n');
    expect(text).toContain('\nStart stage: 3\n');
  });

  test('a category key the policy does not have is shown as it is', () => {
    expect(renderBlankForm(options, { category: 'gone' })).toContain('\nCategory: gone\n');
  });

  test('any valid form, rendered, parses back to the same values', () => {
    fc.assert(
      fc.property(
        optionsArbitrary.chain((policy) => fc.tuple(fc.constant(policy), formArbitrary(policy))),
        ([policy, form]) => {
          expect(parseEscalationForm(renderBlankForm(policy, form), policy)).toEqual({
            ok: true,
            form,
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  test('any valid partial form, rendered, keeps what it was given', () => {
    fc.assert(
      fc.property(
        optionsArbitrary.chain((policy) => fc.tuple(fc.constant(policy), formArbitrary(policy))),
        fc.array(fc.constantFrom(...ESCALATION_FORM_FIELDS.map((field) => field.key))),
        ([policy, form], dropped) => {
          const partial: Partial<EscalationForm> = { ...form };
          for (const key of dropped) delete partial[key];
          const result = parseEscalationForm(renderBlankForm(policy, partial), policy);
          const got = result.ok ? result.form : result.partial;
          // Start stage is not on the form where the policy always starts at stage 1.
          if (!policy.startAboveStageOne) delete partial.startStage;
          expect(got).toMatchObject(partial);
        },
      ),
      { numRuns: 200 },
    );
  });
});

// Values as the parser stores them: trimmed, single-spaced on one line, free text without
// blank lines at either end and without a line that starts with a known label.
const KNOWN_LABELS = new Set(
  ESCALATION_FORM_FIELDS.flatMap((field) =>
    [field.label, ...field.aliases].map((label) => label.toLowerCase()),
  ),
);
const CHARS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éßłЖ中 .,;:\'"()/&!?@<>-',
];
const word = fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 30 });
const oneLine = word
  .map((text) => text.replace(/\s+/g, ' ').trim())
  .filter((text) => /^[\p{L}\p{N}]/u.test(text));
const textLine = oneLine.filter((line) => !KNOWN_LABELS.has(splitLabelLine(line)?.label ?? ''));
const freeText = fc
  .array(fc.oneof(textLine, fc.constant('')), { minLength: 1, maxLength: 6 })
  .map((lines) =>
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  )
  .filter((text) => text !== '');
const email = fc
  .tuple(
    fc
      .stringMatching(/^[a-z0-9][a-z0-9.+_-]{0,10}[a-z0-9]$/)
      .filter((local) => !local.includes('..')),
    fc.stringMatching(/^[a-z0-9]{1,10}$/),
    fc.constantFrom('org', 'gov.uk', 'nhs.net', 'police.uk'),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
const person: fc.Arbitrary<Person> = fc.record(
  {
    name: oneLine.filter((name) => !name.includes('@') && !/^'.*'$/.test(name)),
    email,
  },
  { requiredKeys: ['email'] },
);

function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

const optionsArbitrary: fc.Arbitrary<EscalationFormOptions> = fc
  .record({
    categories: fc.uniqueArray(
      fc.record({
        key: fc.stringMatching(/^[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,8}){0,2}$/),
        label: oneLine,
      }),
      { minLength: 1, maxLength: 6, selector: (category) => category.key },
    ),
    stageCount: fc.integer({ min: 1, max: 6 }),
    startAboveStageOne: fc.boolean(),
  })
  .map((policy) => ({
    ...policy,
    categories: [...policy.categories, { key: 'other', label: 'Other' }],
  }))
  .filter((policy) => {
    // Each category must be told apart from the others by what the form shows of it.
    const names = policy.categories.flatMap((category) => [
      ...new Set([squash(category.key), squash(category.label)]),
    ]);
    return new Set(names).size === names.length && !names.includes('');
  });

function formArbitrary(policy: EscalationFormOptions): fc.Arbitrary<EscalationForm> {
  return fc.record(
    {
      caseName: oneLine,
      agency: oneLine,
      otherAgency: oneLine,
      disagreement: freeText,
      category: fc.constantFrom(...policy.categories.map((category) => category.key)),
      manager: person,
      otherPractitioner: person,
      outcomeSought: freeText,
      attemptsSoFar: freeText,
      risk: fc.constantFrom(...RISK_LEVELS),
      startStage: policy.startAboveStageOne
        ? fc.integer({ min: 1, max: policy.stageCount })
        : fc.constant(1),
    },
    {
      requiredKeys: [
        'caseName',
        'agency',
        'otherAgency',
        'disagreement',
        'category',
        'risk',
        'startStage',
      ],
    },
  );
}
