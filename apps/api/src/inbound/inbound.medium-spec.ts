import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testMailSettings } from '@escalations/casework/testing';
import { messages } from '@escalations/db';
import { createTestDatabase, testEngines, type TestDatabase } from '@escalations/db/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { ApiKeyService } from '../auth/api-key.service';
import { createApi } from '../create-api';
import { policyLibrary, startApiHarness, type ApiHarness } from '../testing/api-harness';
import { DEFAULT_MAX_MESSAGE_BYTES } from './inbound.service';

/** A raw message with bytes a text conversion would change: latin1, CRLF and a bare LF. */
function rawMessage(messageId = `${randomBytes(6).toString('hex')}@school.example.org`): Buffer {
  return Buffer.concat([
    Buffer.from(
      `From: Asha Patel <asha.patel@school.example.org>\r\nTo: nel@escalations.localhost\r\n` +
        `Subject: Escalation\r\nMessage-ID: <${messageId}>\r\n` +
        `Content-Type: text/plain; charset=iso-8859-1\r\n\r\nCase: Child A\r\nAgency: Caf`,
    ),
    Buffer.from([0xe9]),
    Buffer.from('\r\nDisagreement: threshold\n'),
  ]);
}

const stored = (database: TestDatabase, id: string) =>
  database.db.select().from(messages).where(eq(messages.id, id));

/** POST with a body streamed in chunks and no Content-Length, as a proxy might forward it. */
function postChunked(
  server: ReturnType<NestExpressApplication['getHttpServer']>,
  key: string,
  chunks: Buffer[],
): Promise<{ status: number; body: unknown }> {
  const { port } = (server as { address(): AddressInfo }).address();
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/inbound',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'message/rfc822' },
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(parts).toString('utf8')) as unknown,
          }),
        );
      },
    );
    outgoing.on('error', reject);
    for (const chunk of chunks) outgoing.write(chunk);
    outgoing.end();
  });
}

describe.each(testEngines())('POST /api/v1/inbound on %s', (engine) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApiHarness(engine);
  }, 60_000);
  afterAll(() => api.close());

  const post = (key = api.inboundKey) =>
    request(api.server).post('/api/v1/inbound').set('Authorization', `Bearer ${key}`);

  it('stores the body byte for byte and answers 202 with its id', async () => {
    const raw = rawMessage();
    const response = await post().set('Content-Type', 'message/rfc822').send(raw).expect(202);
    expect(response.body).toEqual({ id: expect.any(String), duplicate: false });
    const [row] = await stored(api.database, (response.body as { id: string }).id);
    expect(row!.raw.equals(raw)).toBe(true);
    expect(row).toMatchObject({
      direction: 'inbound',
      status: 'received',
      fromAddress: 'asha.patel@school.example.org',
      envelope: { via: 'api', mailFrom: null, rcptTo: [], remoteAddress: null, helo: null },
    });
  });

  it('records ?to= as the mailbox it was delivered to', async () => {
    const response = await post()
      .query({ to: 'NEL@escalations.localhost' })
      .set('Content-Type', 'message/rfc822')
      .send(rawMessage())
      .expect(202);
    const [row] = await stored(api.database, (response.body as { id: string }).id);
    expect(row!.envelope?.rcptTo).toEqual(['nel@escalations.localhost']);
  });

  it('refuses a ?to= that is not an address, naming it', async () => {
    const response = await post()
      .query({ to: 'nel' })
      .set('Content-Type', 'message/rfc822')
      .send(rawMessage())
      .expect(400);
    expect(response.body).toMatchObject({
      error: { code: 'bad-request', details: [{ field: 'to' }] },
    });
  });

  it('takes text/plain and application/octet-stream as well', async () => {
    for (const type of ['text/plain; charset=utf-8', 'application/octet-stream']) {
      const raw = rawMessage();
      const response = await post().set('Content-Type', type).send(raw).expect(202);
      const [row] = await stored(api.database, (response.body as { id: string }).id);
      expect(row!.raw.equals(raw)).toBe(true);
    }
  });

  it('makes one message of the same body posted twice', async () => {
    const raw = rawMessage();
    const first = await post().set('Content-Type', 'message/rfc822').send(raw).expect(202);
    const second = await post().set('Content-Type', 'message/rfc822').send(raw).expect(202);
    expect(second.body).toEqual({ id: (first.body as { id: string }).id, duplicate: true });
    const rows = await api.database.db
      .select({ id: messages.id })
      .from(messages)
      .where(
        eq(messages.sha256, (await stored(api.database, second.body.id as string))[0]!.sha256),
      );
    expect(rows).toHaveLength(1);
  });

  it('answers 400 naming the body when there is none', async () => {
    for (const pending of [post().set('Content-Type', 'message/rfc822'), post()]) {
      const response = await pending.expect(400);
      expect(response.body).toEqual({
        error: {
          code: 'bad-request',
          message: expect.stringMatching(/^body: /),
          details: [{ field: 'body', message: expect.any(String) }],
        },
      });
    }
  });

  it('answers 415 in the error shape for JSON or a body without a type, and keeps nothing', async () => {
    const before = await api.database.db.$count(messages);
    const json = await post()
      .send({ raw: rawMessage().toString('latin1') })
      .expect(415);
    expect(json.body).toEqual({
      error: {
        code: 'unsupported-media-type',
        message: expect.stringContaining('message/rfc822'),
      },
    });
    const untyped = await post().set('Content-Type', '').send(rawMessage()).expect(415);
    expect(untyped.body).toMatchObject({ error: { code: 'unsupported-media-type' } });
    const gzipped = await post()
      .set('Content-Type', 'message/rfc822')
      .set('Content-Encoding', 'gzip')
      .send(rawMessage())
      .expect(415);
    expect(gzipped.body).toMatchObject({ error: { code: 'unsupported-media-type' } });
    expect(await api.database.db.$count(messages)).toBe(before);
  });

  it('is for inbound keys: no key is 401, an auditor or admin key is 403, and nothing is stored', async () => {
    const before = await api.database.db.$count(messages);
    const anonymous = await request(api.server)
      .post('/api/v1/inbound')
      .set('Content-Type', 'message/rfc822')
      .send(rawMessage())
      .expect(401);
    expect(anonymous.body).toMatchObject({ error: { code: 'unauthorized' } });
    const auditor = await post(api.auditorKey)
      .set('Content-Type', 'message/rfc822')
      .send(rawMessage())
      .expect(403);
    expect(auditor.body).toMatchObject({ error: { code: 'forbidden' } });
    // least privilege: the webhook's key is of its own role, and an admin key is not one
    const admin = await post(api.adminKey)
      .set('Content-Type', 'message/rfc822')
      .send(rawMessage())
      .expect(403);
    expect(admin.body).toEqual({
      error: { code: 'forbidden', message: 'this needs the inbound role; the key has admin' },
    });
    expect(await api.database.db.$count(messages)).toBe(before);
  });

  it('answers 413 to a message over MAX_MESSAGE_BYTES (25 MB by default)', async () => {
    expect(DEFAULT_MAX_MESSAGE_BYTES).toBe(25 * 1024 * 1024);
    const before = await api.database.db.$count(messages);
    const huge = Buffer.concat([rawMessage(), Buffer.alloc(DEFAULT_MAX_MESSAGE_BYTES, 0x61)]);
    const response = await post().set('Content-Type', 'message/rfc822').send(huge).expect(413);
    expect(response.body).toEqual({
      error: {
        code: 'payload-too-large',
        message: `the message is larger than the ${DEFAULT_MAX_MESSAGE_BYTES} bytes allowed`,
      },
    });
    expect(await api.database.db.$count(messages)).toBe(before);
  });
});

describe('POST /api/v1/inbound at the size limit', () => {
  const limit = 64 * 1024;
  let database: TestDatabase;
  let app: NestExpressApplication;
  let inboundKey: string;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    app = await createApi(
      {
        database: database.db,
        library: policyLibrary(),
        clock: () => new Date('2026-11-24T10:00:00Z'),
        mail: testMailSettings(),
        maxMessageBytes: limit,
      },
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    inboundKey = (await app.get(ApiKeyService).create('inbound', 'test webhook')).key;
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  const sized = (bytes: number) => {
    const head = rawMessage();
    return Buffer.concat([head, Buffer.alloc(bytes - head.length, 0x61)]);
  };

  it('takes a message of exactly the limit and refuses one byte more', async () => {
    const post = () =>
      request(app.getHttpServer())
        .post('/api/v1/inbound')
        .set('Authorization', `Bearer ${inboundKey}`)
        .set('Content-Type', 'message/rfc822');
    await post().send(sized(limit)).expect(202);
    await post()
      .send(sized(limit + 1))
      .expect(413);
  });

  it('refuses a streamed message once it passes the limit, without a Content-Length', async () => {
    const raw = sized(limit + 1);
    const chunks = [raw.subarray(0, 1000), raw.subarray(1000, limit), raw.subarray(limit)];
    await expect(postChunked(app.getHttpServer(), inboundKey, chunks)).resolves.toEqual({
      status: 413,
      body: { error: { code: 'payload-too-large', message: expect.any(String) } },
    });
    const fits = sized(limit);
    await expect(
      postChunked(app.getHttpServer(), inboundKey, [fits.subarray(0, 10), fits.subarray(10)]),
    ).resolves.toEqual({ status: 202, body: { id: expect.any(String), duplicate: false } });
  });
});
