import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  carriesMetricsToken,
  checkReadiness,
  type ReadinessSource,
  type ServiceMetrics,
} from '@escalations/casework';

export interface OperationsServerOptions {
  /** MAIL_METRICS_HOST and MAIL_METRICS_PORT (0: any free port) */
  host: string;
  port: number;
  metrics: ServiceMetrics;
  /** METRICS_TOKEN: when set, /metrics asks for it as a bearer */
  metricsToken?: string;
  readiness: ReadinessSource;
}

export interface OperationsServer {
  /** host:port it listens on */
  address: string;
  stop(): Promise<void>;
}

/**
 * The mail role's own small HTTP port, for Prometheus and an orchestrator's probes:
 * `/metrics`, `/health/live`, `/health/ready`, as the API answers them. It serves nothing
 * else and reads no request body.
 */
export async function startOperationsServer(
  options: OperationsServerOptions,
): Promise<OperationsServer> {
  const server = createServer((request, response) => {
    answer(options, request, response).catch(() => {
      if (!response.headersSent) send(response, 500, error('unavailable', 'the answer failed'));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: `${options.host}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(
  options: OperationsServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    send(response, 405, error('method-not-allowed', 'only GET is served here'));
    return;
  }
  switch (path) {
    case '/health/live':
      send(response, 200, { status: 'live' });
      return;
    case '/health/ready': {
      const readiness = await checkReadiness(options.readiness);
      if (readiness.status === 'ready') send(response, 200, readiness);
      else send(response, 503, error('not-ready', readiness.problems.join('; '), readiness));
      return;
    }
    case '/metrics': {
      const token = options.metricsToken;
      if (token && !carriesMetricsToken(request.headers.authorization, token)) {
        send(
          response,
          401,
          error('unauthorized', 'expected Authorization: Bearer <METRICS_TOKEN>'),
        );
        return;
      }
      const text = await options.metrics.exposition();
      response.writeHead(200, { 'Content-Type': options.metrics.contentType });
      response.end(text);
      return;
    }
    default:
      send(
        response,
        404,
        error('not-found', 'this port serves /metrics, /health/live and /health/ready'),
      );
  }
}

/** The API's one error shape. */
function error(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
