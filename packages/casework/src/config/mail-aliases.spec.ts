import { loadServiceConfig, mailAliases } from './service-config';

describe('MAIL_ALIASES', () => {
  it.each([
    ['NEL@Escalations.Example=nel', { 'nel@escalations.example': 'nel' }],
    ['<NEL@Escalations.Example>=nel', { 'nel@escalations.example': 'nel' }],
  ])('keys %s by the address as the router compares it (addressKey)', (aliases, expected) => {
    expect(mailAliases(loadServiceConfig({ MAIL_ALIASES: aliases }))).toEqual(expected);
  });
});
