import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { InboundMessageRepository } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/** Random, so that Postgres cannot compress it under the index's 2.7 KB entry limit. */
const longId = () => `${randomBytes(3000).toString('base64url')}@provider.example`;

function rawMessage(messageId: string): Buffer {
  return Buffer.from(
    `From: Asha Patel <asha\0@riverside.example.org>\r\nTo: nel@escalations.localhost\r\n` +
      `Message-ID: <${messageId}>\r\nSubject: Child A\r\n\r\nCase: Child A\r\n`,
    'latin1',
  );
}

describe.each(testEngines())('GET /api/v1/messages on %s', (engine) => {
  let api: ApiHarness;
  const ids: string[] = [];

  beforeAll(async () => {
    api = await startApiHarness(engine);
    // Through the provider webhook: ids and senders no column could hold as they are.
    for (const messageId of [`a\0b@provider.example`, longId(), longId()]) {
      const response = await request(api.server)
        .post('/api/v1/inbound')
        .set('Authorization', `Bearer ${api.inboundKey}`)
        .set('Content-Type', 'message/rfc822')
        .send(rawMessage(messageId))
        .expect(202);
      ids.push((response.body as { id: string }).id);
    }
    const inbound = new InboundMessageRepository();
    await inbound.markFailed(api.database.db, ids[0]!, 'Error: refused \0 here', null);
    await inbound.markFailed(api.database.db, ids[1]!, 'Error: try again', new Date());
  }, 60_000);
  afterAll(() => api.close());

  it('lists the messages set aside for an administrator, oldest first, without what they say', async () => {
    const response = await request(api.server)
      .get('/api/v1/messages')
      .query({ status: 'set-aside' })
      .set('Authorization', `Bearer ${api.auditorKey}`)
      .expect(200);
    expect(response.body).toEqual({
      messages: [
        {
          id: ids[0],
          receivedAt: '2026-11-24T10:00:00.000Z',
          status: 'set-aside',
          kind: null,
          attempts: 0,
          error: 'Error: refused \uFFFD here',
          caseRef: null,
        },
      ],
    });
    expect(JSON.stringify(response.body)).not.toMatch(/asha|Child A/);
  });

  it('lists the other states an administrator may look at', async () => {
    const failed = await request(api.server)
      .get('/api/v1/messages')
      .query({ status: 'failed' })
      .set('Authorization', `Bearer ${api.adminKey}`)
      .expect(200);
    expect((failed.body as { messages: { id: string }[] }).messages.map((m) => m.id)).toEqual([
      ids[1],
    ]);
    const received = await request(api.server)
      .get('/api/v1/messages')
      .query({ status: 'received', limit: '10' })
      .set('Authorization', `Bearer ${api.adminKey}`)
      .expect(200);
    expect((received.body as { messages: { id: string }[] }).messages.map((m) => m.id)).toEqual([
      ids[2],
    ]);
  });

  it('refuses a status that is not one of an inbound message, and a missing one', async () => {
    for (const query of [{ status: 'sent' }, {}]) {
      const response = await request(api.server)
        .get('/api/v1/messages')
        .query(query)
        .set('Authorization', `Bearer ${api.adminKey}`)
        .expect(400);
      expect(JSON.stringify(response.body)).toContain('status');
    }
  });
});
