import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidFileError, parsePolicy } from './parse-policy';
import { DEFAULT_RETENTION_NOTE } from './policy.schema';

const nel = readFileSync(join(__dirname, '../../../../policies/nel.yaml'), 'utf8');
const withoutRetention = nel.slice(0, nel.indexOf('\nretention:'));

describe('a policy’s retention (UK GDPR storage limitation)', () => {
  it('is what the file declares', () => {
    expect(parsePolicy(nel, 'nel.yaml').retention.years).toBe(6);
  });

  it('is 6 years after closure where a file says nothing, stated as the deployment’s decision', () => {
    expect(withoutRetention).not.toContain('retention:');
    expect(parsePolicy(withoutRetention, 'nel.yaml').retention).toEqual({
      years: 6,
      note: DEFAULT_RETENTION_NOTE,
    });
  });

  it('refuses a period that is not a whole number of years, naming the path', () => {
    const bad = `${withoutRetention}\nretention:\n  years: 0\n  note: never kept\n`;
    expect(() => parsePolicy(bad, 'nel.yaml')).toThrow(InvalidFileError);
    expect(() => parsePolicy(bad, 'nel.yaml')).toThrow(/retention\.years/);
  });
});
