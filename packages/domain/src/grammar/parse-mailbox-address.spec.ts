import fc from 'fast-check';
import { formatMailboxAddress } from './format-mailbox-address';
import { parseMailboxAddress } from './parse-mailbox-address';
import { PersonSchema } from './person.schema';

describe('parseMailboxAddress', () => {
  test.each([
    ['Jane Smith <jane@example.org>', { name: 'Jane Smith', email: 'jane@example.org' }],
    ['jane@example.org', { email: 'jane@example.org' }],
    ['<jane@example.org>', { email: 'jane@example.org' }],
    ['"Smith, Jane" <jane@example.org>', { name: 'Smith, Jane', email: 'jane@example.org' }],
    // Outlook's own form, unquoted, as it shows and copies it (issue 10, item 7)
    ['Reed, Dan <dan.reed@example.org>', { name: 'Reed, Dan', email: 'dan.reed@example.org' }],
    ['"Reed, Dan" <dan.reed@example.org>', { name: 'Reed, Dan', email: 'dan.reed@example.org' }],
    [
      '"Jane \\"JJ\\" Smith" <jane@example.org>',
      { name: 'Jane "JJ" Smith', email: 'jane@example.org' },
    ],
    ['Jane Smith<jane@example.org>', { name: 'Jane Smith', email: 'jane@example.org' }],
    [
      '  Jane   Smith   <  jane@example.org  >  ',
      { name: 'Jane Smith', email: 'jane@example.org' },
    ],
    ['Jane\u00A0Smith <jane@example.org>', { name: 'Jane Smith', email: 'jane@example.org' }],
    ['Jane Smith <mailto:jane@example.org>', { name: 'Jane Smith', email: 'jane@example.org' }],
    [
      'domain lower-cased <Jane.Smith@NHS.Example.ORG>',
      { name: 'domain lower-cased', email: 'Jane.Smith@nhs.example.org' },
    ],
    ['JANE@EXAMPLE.ORG', { email: 'JANE@example.org' }],
    [
      "Siân O'Brien-Jones <sian@example.org>",
      { name: "Siân O'Brien-Jones", email: 'sian@example.org' },
    ],
    ['Dr. J. Smith <j@example.org>', { name: 'Dr. J. Smith', email: 'j@example.org' }],
    ["'jane@example.org' <jane@example.org>", { email: 'jane@example.org' }],
    ['"jane@example.org" <jane@example.org>', { email: 'jane@example.org' }],
    ["'Jane Smith' <jane@example.org>", { name: 'Jane Smith', email: 'jane@example.org' }],
    ['"" <jane@example.org>', { email: 'jane@example.org' }],
    ['jane+mash@sub.example.co.uk', { email: 'jane+mash@sub.example.co.uk' }],
    ['j@escalations.localhost', { email: 'j@escalations.localhost' }],
  ])('%j', (text, person) => {
    expect(parseMailboxAddress(text)).toEqual(person);
  });

  test.each([
    ['empty', ''],
    ['a name only', 'Jane Smith'],
    ['a name and a bare address', 'Jane Smith jane@example.org'],
    ['no domain dot', 'jane@nhs'],
    ['no local part', '@example.org'],
    ['two @', 'jane@@example.org'],
    ['spaces inside', 'jane smith@example.org'],
    ['a list', 'a@example.org, b@example.org'],
    ['a list with names', 'A <a@example.org>, B <b@example.org>'],
    ['a list with an unquoted comma name', 'Reed, Dan <dan@example.org>, b@example.org'],
    ['a comma and no name after it', 'Reed, <dan@example.org>'],
    ['an @ in an unquoted name', 'jane@example.org <jane@example.org>'],
    ['unclosed bracket', 'Jane <jane@example.org'],
    ['empty brackets', 'Jane <>'],
    ['text after the address', 'Jane <jane@example.org> (manager)'],
    ['leading dot', '.jane@example.org'],
    ['double dot', 'jane..smith@example.org'],
    ['numeric top-level domain', 'jane@example.123'],
    ['hyphen at a label end', 'jane@example-.org'],
    ['IP literal', 'jane@[10.0.0.1]'],
    ['unicode local part', 'siân@example.org'],
    ['too long a local part', `${'a'.repeat(65)}@example.org`],
    ['too long an address', `a@${Array.from({ length: 5 }, () => 'b'.repeat(60)).join('.')}.org`],
    ['an unclosed quote', '"Jane <jane@example.org>'],
    ['a "at" spelling', 'jane at example dot org'],
  ])('refuses %s', (_, text) => {
    expect(parseMailboxAddress(text)).toBeNull();
  });

  test('what it returns is a valid Person', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const person = parseMailboxAddress(text);
        if (person) expect(PersonSchema.safeParse(person).success).toBe(true);
      }),
    );
  });

  test('never throws, and is quick on long input', () => {
    const long = `${'"'.repeat(2000)}<${'a'.repeat(2000)}`;
    expect(parseMailboxAddress(long)).toBeNull();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        parseMailboxAddress(text);
      }),
    );
  });

  test('reads back what formatMailboxAddress writes', () => {
    fc.assert(
      fc.property(personArbitrary, (person) => {
        expect(parseMailboxAddress(formatMailboxAddress(person))).toEqual(person);
      }),
    );
  });
});

const atom = fc.stringMatching(/^[a-z0-9][a-z0-9+_-]{0,10}$/);
const emailArbitrary = fc
  .tuple(
    fc.array(atom, { minLength: 1, maxLength: 3 }),
    fc.array(fc.stringMatching(/^[a-z0-9]{1,10}$/), { minLength: 1, maxLength: 3 }),
    fc.stringMatching(/^[a-z]{2,6}$/),
  )
  .map(([local, domain, tld]) => `${local.join('.')}@${[...domain, tld].join('.')}`);
const nameArbitrary = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
  .map((name) => name.replace(/[\p{C}\s]+/gu, ' ').trim())
  .filter((name) => name !== '' && !name.includes('@'));
const personArbitrary = fc.record(
  { name: nameArbitrary, email: emailArbitrary },
  { requiredKeys: ['email'] },
);
