import {
  caseRootMessageId,
  outgoingMessageId,
  refFromSubject,
  refFromThreadingHeaders,
  threadingHeaders,
} from './threading';

const DOMAIN = 'escalations.localhost';

describe('threading', () => {
  it('threads every message of a case under one root', () => {
    const id = outgoingMessageId(
      'NEL-2026-0007',
      'reminder:2:2027-01-06',
      ['b@x.org', 'a@x.org'],
      DOMAIN,
    );
    expect(threadingHeaders('NEL-2026-0007', DOMAIN, id)).toEqual({
      messageId: id,
      inReplyTo: 'case.nel-2026-0007@escalations.localhost',
      references: ['case.nel-2026-0007@escalations.localhost'],
    });
    expect(
      threadingHeaders('NEL-2026-0007', DOMAIN, id, 'their-reply@mail.example.org').references,
    ).toEqual(['case.nel-2026-0007@escalations.localhost', 'their-reply@mail.example.org']);
  });

  it('gives a resent notice the same Message-ID, whatever the order of recipients', () => {
    expect(
      outgoingMessageId('NEL-2026-0007', 'breach:1:2026-12-24', ['a@x.org', 'b@x.org'], DOMAIN),
    ).toBe(
      outgoingMessageId('NEL-2026-0007', 'breach:1:2026-12-24', ['b@x.org', 'a@x.org'], DOMAIN),
    );
    expect(outgoingMessageId('NEL-2026-0007', 'breach:1:2026-12-24', ['a@x.org'], DOMAIN)).not.toBe(
      outgoingMessageId('NEL-2026-0007', 'breach:2:2027-01-06', ['a@x.org'], DOMAIN),
    );
  });

  it.each([
    [['<case.nel-2026-0007@escalations.localhost>'], 'NEL-2026-0007'],
    [
      ['<other@gmail.com>', `<${outgoingMessageId('KSCP-2026-0012', 'k', [], DOMAIN)}>`],
      'KSCP-2026-0012',
    ],
    [['<case.nel-2026-0007@elsewhere.example.org>'], null],
    [['<abc@escalations.localhost>'], null],
    [[], null],
  ])('finds the case in threading headers %j', (ids, ref) => {
    expect(refFromThreadingHeaders(DOMAIN, ids)).toBe(ref);
  });

  it.each([
    ['Re: [NEL-2026-0007] Stage 2 reminder', 'NEL-2026-0007'],
    ['RE: FW: [nel-2026-0007] something', 'NEL-2026-0007'],
    ['[XYZ-2026-0007] not one of ours', null],
    ['no reference', null],
  ])('finds the case in the subject %j', (subject, ref) => {
    expect(refFromSubject(subject, ['NEL', 'KSCP', 'ISP'])).toBe(ref);
  });

  it('makes the root id from the reference alone', () => {
    expect(caseRootMessageId('ISP-2027-0001', 'Escalations.Example.GG')).toBe(
      'case.isp-2027-0001@escalations.example.gg',
    );
  });
});
