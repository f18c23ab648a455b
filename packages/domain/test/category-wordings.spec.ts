/**
 * Issue 10, item 10: a category is understood by its key, its label, or the words the policy
 * document itself uses for it (its list of reasons, its record form's tick boxes), whatever
 * the case and punctuation. Read over the real policy files, so a new wording is checked too.
 */
import { join } from 'node:path';
import { readPolicyLibrary } from '../src/files/read-policy-library';
import { parseEscalationForm } from '../src/grammar/parse-escalation-form';

const library = readPolicyLibrary(join(__dirname, '../../../policies'));

const cases = [...library.policies.values()].flatMap((policy) =>
  policy.categories.flatMap((category) =>
    [category.key, category.label, category.source, ...(category.wordings ?? [])]
      .filter((words): words is string => words !== undefined)
      .flatMap((words) => [words, words.toUpperCase(), words.replace(/[^\p{L}\p{N}\s]/gu, '')])
      .map((typed) => ({ policy: policy.id, typed, key: category.key })),
  ),
);

function categoryOf(policyId: string, typed: string) {
  const policy = library.policies.get(policyId)!;
  const parsed = parseEscalationForm(
    [
      'Case name: A',
      'Your agency: Health',
      'Other agency: Police',
      'Disagreement: About thresholds',
      `Category: ${typed}`,
    ].join('\n'),
    {
      categories: policy.categories,
      stageCount: policy.stages.length,
      startAboveStageOne: policy.startAboveStageOne.allowed,
    },
  );
  return parsed.ok ? parsed.form.category : parsed.problems.map((p) => p.message).join('; ');
}

describe('every category by its key, label or the document’s own wording', () => {
  test.each(cases)('$policy: "$typed" is $key', ({ policy, typed, key }) => {
    expect(categoryOf(policy, typed)).toBe(key);
  });

  test.each([
    ['Need for, or outcome of, an assessment', 'assessment'],
    ['Child protection case conference decision', 'case-conference-dissent'],
    ['Other (please state)', 'other'],
  ])('kirklees: the record form’s tick box "%s" is %s', (typed, key) => {
    expect(categoryOf('kirklees', typed)).toBe(key);
  });
});
