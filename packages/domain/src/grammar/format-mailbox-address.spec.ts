import { formatMailboxAddress } from './format-mailbox-address';

describe('formatMailboxAddress', () => {
  test.each([
    [{ email: 'jane@example.org' }, 'jane@example.org'],
    [{ name: 'Jane Smith', email: 'jane@example.org' }, 'Jane Smith <jane@example.org>'],
    [{ name: 'Smith, Jane', email: 'jane@example.org' }, '"Smith, Jane" <jane@example.org>'],
    [{ name: 'Jane "JJ" Smith', email: 'j@example.org' }, '"Jane \\"JJ\\" Smith" <j@example.org>'],
    [{ name: 'A\\B', email: 'j@example.org' }, '"A\\\\B" <j@example.org>'],
    [{ name: 'Jane (MASH)', email: 'j@example.org' }, '"Jane (MASH)" <j@example.org>'],
    [{ name: "'Jane'", email: 'j@example.org' }, '"\'Jane\'" <j@example.org>'],
    [{ name: "O'Brien", email: 'j@example.org' }, "O'Brien <j@example.org>"],
    [{ name: '  Jane   Smith ', email: 'j@example.org' }, 'Jane Smith <j@example.org>'],
    [{ name: '   ', email: 'j@example.org' }, 'j@example.org'],
  ])('%j', (person, text) => {
    expect(formatMailboxAddress(person)).toBe(text);
  });
});
