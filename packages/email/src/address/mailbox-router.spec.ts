import { routeMailbox } from './mailbox-router';

const routes = {
  domain: 'escalations.localhost',
  policyIds: ['islands', 'nel', 'south-glos', 'kirklees', 'chew-stoke'],
  aliases: { 'Safeguarding.Escalations@nelincs.example.gov.uk': 'nel', 'old@example.org': 'gone' },
};

describe('mailboxes', () => {
  it.each([
    ['nel@escalations.localhost', { kind: 'policy', policyId: 'nel' }],
    ['South-Glos@Escalations.Localhost', { kind: 'policy', policyId: 'south-glos' }],
    [
      'nel+nel-2026-0007.abcdefghijklmnop@escalations.localhost',
      { kind: 'reply', policyId: 'nel' },
    ],
    ['safeguarding.escalations@nelincs.example.gov.uk', { kind: 'policy', policyId: 'nel' }],
    ['leeds@escalations.localhost', null],
    ['nel@elsewhere.example.org', null],
    ['old@example.org', null],
    ['not an address', null],
  ])('%s', (address, expected) => {
    expect(routeMailbox(routes, address)).toEqual(expected);
  });
});
