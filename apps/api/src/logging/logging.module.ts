import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Log } from '@escalations/db/log';
import { LoggerModule } from 'nestjs-pino';
import { LOG } from './log.token';
import { requestLogging } from './request-logging';

/** The API's log for its services to inject (`@Inject(LOG)`), and the request log. */
@Global()
@Module({})
export class LoggingModule {
  static with(log: Log): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot(requestLogging(log))],
      providers: [{ provide: LOG, useValue: log }],
      exports: [LOG],
    };
  }
}
