import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ApiKeyService } from '../auth/api-key.service';
import { loadConfig } from '../config/app-config';
import { startApi, type RunningApi } from '../start-api';

/** The API as `npm start` composes it: MAX_MESSAGE_BYTES from the environment reaches POST /inbound. */
describe('POST /api/v1/inbound, started from configuration', () => {
  let dir: string;
  let running: RunningApi;
  let key: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'escalations-inbound-'));
    running = await startApi(
      loadConfig({ DATA_DIR: dir, API_PORT: '0', MAX_MESSAGE_BYTES: String(64 * 1024) }),
    );
    key = (await running.app.get(ApiKeyService).create('inbound', 'webhook')).key;
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const message = (bytes: number) => {
    const head = Buffer.from('From: asha.patel@school.example.org\r\nSubject: x\r\n\r\n');
    return Buffer.concat([head, Buffer.alloc(bytes - head.length, 0x61)]);
  };
  const post = (raw: Buffer) =>
    request(running.url)
      .post('/api/v1/inbound')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'message/rfc822')
      .send(raw);

  it('takes a message of MAX_MESSAGE_BYTES and refuses one byte more with 413', async () => {
    await post(message(64 * 1024)).expect(202);
    const refused = await post(message(64 * 1024 + 1)).expect(413);
    expect(refused.body).toEqual({
      error: {
        code: 'payload-too-large',
        message: `the message is larger than the ${64 * 1024} bytes allowed`,
      },
    });
  });

  it('refuses a 50 MB message streamed without a Content-Length, and takes the next one', async () => {
    const { hostname, port } = new URL(running.url);
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: hostname,
          port,
          method: 'POST',
          path: '/api/v1/inbound',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'message/rfc822' },
        },
        (response) => {
          response.resume();
          // The answer comes before the body has all gone: a client stops sending there.
          response.on('end', () => {
            resolve(response.statusCode ?? 0);
            outgoing.destroy();
          });
        },
      );
      outgoing.on('error', reject);
      const block = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < 50 * 1024 * 1024) {
          sent += block.length;
          if (!outgoing.write(block)) return void outgoing.once('drain', pump);
        }
        outgoing.end();
      };
      pump();
    });
    expect(status).toBe(413);
    await post(message(1024)).expect(202);
  });
});
