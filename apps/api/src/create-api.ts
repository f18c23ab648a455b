import 'reflect-metadata';
import { dirname } from 'node:path';
import { createLogger } from '@escalations/db/log';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiModule, type ApiDependencies } from './app.module';
import { NestLogBridge } from './logging/nest-log-bridge';
import { SERVICE_METRICS } from './operations/operations.tokens';
import { requestDurations } from './operations/request-durations';
import { configureConsole } from './console/configure-console';

/** The API as a Nest application, not yet listening: `main.ts` and the tests both start here. */
export async function createApi(
  deps: ApiDependencies,
  options: { logger?: boolean } = {},
): Promise<NestExpressApplication> {
  // logger: false (the tests): nothing logged unless the test gives a log to read
  const log =
    deps.log ??
    createLogger({ role: 'api', ...(options.logger === false ? { level: 'silent' } : {}) });
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.with({ ...deps, log }), {
    logger: new NestLogBridge(log),
    bodyParser: false,
  });
  // Bodies are small JSON documents; anything larger is refused before it is parsed. The one
  // exception, POST /inbound's raw message (up to MAX_MESSAGE_BYTES), is read by its handler,
  // after the API key is checked, not by a parser here.
  app.useBodyParser('json', { limit: '1mb' });
  app.useStaticAssets(dirname(require.resolve('swagger-ui-dist/package.json')), {
    prefix: '/api/docs/assets/',
    index: false,
  });
  configureConsole(app);
  app.use(requestDurations(app.get(SERVICE_METRICS)));
  app.disable('x-powered-by');
  // No enableShutdownHooks: apps/service owns SIGTERM and closes the app, the mail role and
  // the database in turn; Nest's hook would raise the signal again and end the process first.
  return app;
}
