import { readDeliveryStatus } from './read-delivery-status';

describe('readDeliveryStatus', () => {
  it('reads one block per recipient, skipping the message block', () => {
    const body = [
      'Reporting-MTA: dns; mx.example.org',
      'Arrival-Date: Fri, 13 Oct 2017 11:10:16 +0000',
      '',
      'Original-Recipient: rfc822;Sam@NHS.Example',
      'Final-Recipient: rfc822; sam@nhs.example',
      'Action: failed',
      'Status: 5.1.10',
      'Diagnostic-Code: smtp;550 5.1.10',
      '  RESOLVER.ADR.RecipientNotFound',
      '',
      'Final-Recipient: RFC822; <late@example.org>',
      'Action: delayed (retrying)',
      'Status: 4.2.2',
    ].join('\r\n');
    expect(readDeliveryStatus(body)).toEqual([
      { action: 'failed', addresses: ['Sam@nhs.example', 'sam@nhs.example'], status: '5.1.10' },
      { action: 'delayed', addresses: ['late@example.org'], status: '4.2.2' },
    ]);
  });

  it('returns nothing for text that is no report', () => {
    expect(readDeliveryStatus('hello\n\nworld')).toEqual([]);
    expect(readDeliveryStatus('Final-Recipient: rfc822; not an address')).toEqual([
      { action: '', addresses: [], status: '' },
    ]);
  });
});
