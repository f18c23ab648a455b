import { nearestPassage, quotesIn, quotesNotInDocument } from './quotes-in-document';

const document = `Stage 1: The practitioner should raise the concern with their
counterpart within 2 working days.  Stage 2: The manager should  discuss it with
the other agency's manager within 5 working days.`;

describe('quotesIn', () => {
  it('finds source, ...Source, wordings and routes at any depth, with their paths', () => {
    expect(
      quotesIn({
        timescale: { source: 'a' },
        stages: [{ source: 'b', rolesSource: 'c', deadline: { source: 'd', workingDays: 2 } }],
        categories: [{ wordings: ['e', 'f'] }],
        urgentGuidance: { routes: ['g'] },
        title: 'not a quotation',
      }),
    ).toEqual([
      { path: 'timescale.source', quote: 'a' },
      { path: 'stages[0].source', quote: 'b' },
      { path: 'stages[0].rolesSource', quote: 'c' },
      { path: 'stages[0].deadline.source', quote: 'd' },
      { path: 'categories[0].wordings[0]', quote: 'e' },
      { path: 'categories[0].wordings[1]', quote: 'f' },
      { path: 'urgentGuidance.routes[0]', quote: 'g' },
    ]);
  });
});

describe('quotesNotInDocument', () => {
  it('accepts a quotation that differs from the document only in whitespace', () => {
    const policy = {
      stages: [
        { source: "The manager should discuss it with the other agency's manager" },
        { source: 'raise the concern with their counterpart within 2 working days.' },
      ],
    };
    expect(quotesNotInDocument(policy, document)).toEqual([]);
  });

  it('names a quotation with a word changed, and the passage it was meant to be', () => {
    const policy = {
      stages: [
        { source: 'Stage 1' },
        {
          source:
            "The manager should discuss it with the other agency's manager within 10 working days",
        },
      ],
    };
    expect(quotesNotInDocument(policy, document)).toEqual([
      {
        path: 'stages[1].source',
        quote:
          "The manager should discuss it with the other agency's manager within 10 working days",
        nearest:
          "The manager should discuss it with the other agency's manager within 5 working days.",
      },
    ]);
  });

  it('refuses a difference of case or punctuation: only whitespace is forgiven', () => {
    expect(quotesNotInDocument({ source: 'stage 1: the practitioner' }, document)).toHaveLength(1);
  });
});

describe('nearestPassage', () => {
  it('is empty for a quotation with no words, or a document with none', () => {
    expect(nearestPassage('...', document)).toBe('');
    expect(nearestPassage('Stage 1', '')).toBe('');
  });

  it('is the whole document when the quotation is longer than it', () => {
    expect(nearestPassage('one two three four', 'two three')).toBe('two three');
  });
});
