import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anyLive, liveUrls } from './live-probe';

/** A role's operations port on loopback, answering /health/live with `status`. */
async function role(status: number): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    response.statusCode = request.url === '/health/live' ? status : 404;
    response.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/health/live` };
}

/** A port nothing listens on: a role this container does not run, or a process gone. */
async function closedUrl(): Promise<string> {
  const { server, url } = await role(200);
  server.close();
  await once(server, 'close');
  return url;
}

describe('the image health check', () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  it('is live when the one role this container runs answers 200, the other not listening', async () => {
    const api = await role(200);
    servers.push(api.server);
    expect(await anyLive([api.url, await closedUrl()])).toBe(true);
  });

  it('is not live when nothing answers, or what answers is not 200', async () => {
    const failing = await role(503);
    servers.push(failing.server);
    expect(await anyLive([await closedUrl(), await closedUrl()])).toBe(false);
    expect(await anyLive([failing.url, await closedUrl()])).toBe(false);
  });

  it('is not live when a role hangs past the timeout', async () => {
    const hanging = createServer(() => undefined);
    hanging.listen(0, '127.0.0.1');
    await once(hanging, 'listening');
    servers.push(hanging);
    const { port } = hanging.address() as AddressInfo;
    expect(await anyLive([`http://127.0.0.1:${port}/health/live`], 200)).toBe(false);
    hanging.closeAllConnections();
  });

  it('asks the API and the mail role where the image makes them listen', () => {
    expect(
      liveUrls({ API_HOST: '0.0.0.0', API_PORT: '3000', MAIL_METRICS_HOST: '0.0.0.0' }),
    ).toEqual(['http://127.0.0.1:3000/health/live', 'http://127.0.0.1:9464/health/live']);
    expect(liveUrls({ API_HOST: '10.0.0.5', MAIL_METRICS_PORT: '9000' })).toEqual([
      'http://10.0.0.5:3000/health/live',
      'http://127.0.0.1:9000/health/live',
    ]);
  });
});
