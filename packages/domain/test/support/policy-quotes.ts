import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLICIES_DIR } from './policy-library';

const collapse = (text: string): string => text.replace(/\s+/g, ' ');

/**
 * One test per quoted sentence: each must stand in the policy's document (whitespace
 * collapsed), so a table row can only claim a sentence the partnership actually wrote.
 */
export function describeQuotesInDocument(policyId: string, quotes: Iterable<string>): void {
  describe(`${policyId}: every row quotes the policy document`, () => {
    const document = collapse(
      readFileSync(join(POLICIES_DIR, 'documents', `${policyId}.txt`), 'utf8'),
    );
    test.each([...new Set(quotes)])('%s', (quote) => {
      expect(document).toContain(collapse(quote));
    });
  });
}
