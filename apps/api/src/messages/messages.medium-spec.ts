import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { InboundMessageRepository } from '@escalations/db';
import { testEngines } from '@escalations/db/testing';
import { ApiKeyService } from '../auth/api-key.service';
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

  it('lists the messages set aside for an administrator, oldest first, with from, to and subject but not what they say', async () => {
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
          // the message's own headers (issue 11, item 7): who it was from and to, its subject
          // the NUL in the address is not kept
          from: 'asha@riverside.example.org',
          to: ['nel@escalations.localhost'],
          cc: [],
          subject: 'Child A',
          attempts: 0,
          error: 'Error: refused \uFFFD here',
          caseRef: null,
          // sent to no mailbox of ours (the webhook was not told one): the operator's
          policy: null,
        },
      ],
    });
    expect(JSON.stringify(response.body)).not.toContain('Case: Child A');
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

  it('refuses a status or kind that is not one, and days the wrong way round, naming the field', async () => {
    for (const [query, field] of [
      [{ status: 'sent' }, 'status'],
      [{ kind: 'poetry' }, 'kind'],
      [{ from: '2026-11-25', to: '2026-11-24' }, 'to'],
    ] as const) {
      const response = await request(api.server)
        .get('/api/v1/messages')
        .query(query)
        .set('Authorization', `Bearer ${api.adminKey}`)
        .expect(400);
      expect(JSON.stringify(response.body)).toContain(field);
    }
  });

  describe('by partnership', () => {
    const posted: Record<string, string> = {};
    const list = async (key: string, query: Record<string, string> = {}) => {
      const response = await request(api.server)
        .get('/api/v1/messages')
        .query(query)
        .set('Authorization', `Bearer ${key}`);
      return {
        status: response.status,
        ids: ((response.body as { messages?: { id: string }[] }).messages ?? []).map((m) => m.id),
        body: response.body as unknown,
      };
    };

    beforeAll(async () => {
      // mail that made no case, to two partnerships' mailboxes, the day after the others
      api.clock.now = new Date('2026-11-25T09:00:00Z');
      for (const policy of ['nel', 'kirklees']) {
        const response = await request(api.server)
          .post('/api/v1/inbound')
          .query({ to: `${policy}@escalations.localhost` })
          .set('Authorization', `Bearer ${api.inboundKey}`)
          .set('Content-Type', 'message/rfc822')
          .send(rawMessage(`${policy}-${randomBytes(4).toString('hex')}@provider.example`))
          .expect(202);
        posted[policy] = (response.body as { id: string }).id;
      }
    });

    it('lists by policy, by status and kind, and by the days they arrived', async () => {
      expect((await list(api.adminKey, { policy: 'nel' })).ids).toEqual([posted.nel]);
      expect((await list(api.adminKey, { from: '2026-11-25' })).ids).toEqual([
        posted.nel,
        posted.kirklees,
      ]);
      expect((await list(api.adminKey, { to: '2026-11-24' })).ids).toEqual(ids);
      expect((await list(api.adminKey, { status: 'received', policy: 'kirklees' })).ids).toEqual([
        posted.kirklees,
      ]);
      expect((await list(api.adminKey, { kind: 'unrecognised' })).ids).toEqual([]);
    });

    it("shows a partnership's key its own mailbox's mail only, another's policy as unknown", async () => {
      const keys = api.app.get(ApiKeyService);
      const kirklees = (await keys.create('auditor', 'kirklees', ['kirklees'])).key;
      expect((await list(kirklees)).ids).toEqual([posted.kirklees]);
      expect((await list(kirklees, { status: 'set-aside' })).ids).toEqual([]);
      const other = await list(kirklees, { policy: 'nel' });
      const none = await list(kirklees, { policy: 'no-such-policy' });
      expect([other.status, none.status]).toEqual([404, 404]);
      expect(JSON.stringify(other.body).replace('\\"nel\\"', '\\"no-such-policy\\"')).toBe(
        JSON.stringify(none.body),
      );
      // the operator sees them all, and whose each is
      const all = (await list(api.adminKey)).body as { messages: { id: string; policy: string }[] };
      expect(all.messages.filter((m) => m.policy !== null).map((m) => [m.id, m.policy])).toEqual([
        [posted.nel, 'nel'],
        [posted.kirklees, 'kirklees'],
      ]);
    });
  });
});
