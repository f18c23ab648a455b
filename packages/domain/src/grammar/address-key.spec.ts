import { addressKey, withLowerCaseDomain } from './address-key';

describe('addressKey: an address as the service compares and stores it', () => {
  it.each([
    ['jane@school.example.org', 'jane@school.example.org'],
    ['  Jane.Smith@Council.GOV.uk ', 'jane.smith@council.gov.uk'],
    ['<Jane@School.example.org>', 'jane@school.example.org'],
    [' < jane@school.example.org > ', 'jane@school.example.org'],
    ['JANE@SCHOOL.EXAMPLE.ORG', 'jane@school.example.org'],
  ])('%j is %j', (written, key) => {
    expect(addressKey(written)).toBe(key);
  });

  it('names the same person whatever the capitals, spaces or angle brackets', () => {
    expect(addressKey('<Jane@School.example.org>')).toBe(addressKey(' jane@school.example.org'));
    expect(addressKey('jane@school.example.org')).not.toBe(addressKey('jane@school.example.com'));
    expect(addressKey('jane@school.example.org')).not.toBe(addressKey('jan@school.example.org'));
  });
});

describe('withLowerCaseDomain: an address as written, its domain lower-cased', () => {
  it.each([
    ['Jane.Smith@Council.GOV.uk', 'Jane.Smith@council.gov.uk'],
    ['"Odd@Local"@Example.ORG', '"Odd@Local"@example.org'],
    ['jane@school.example.org', 'jane@school.example.org'],
    ['no-at-sign', 'no-at-sign'],
  ])('%j is %j', (written, displayed) => {
    expect(withLowerCaseDomain(written)).toBe(displayed);
  });
});
